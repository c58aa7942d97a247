-- The request that issued each token (answered by verify/redeem as requestId) and the tenant link base in
-- force then, so that a stored link can be rebuilt (admin "latest unclaimed link") without the request.
alter table reset_tokens add column request_id text;
alter table reset_tokens add column link_base_url text;
