package io.resetflow.schemas.chain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the tamper-evidence chains that {@link ChainInterceptor} writes ({@link ChainHeader}). Pure Java:
 * feed it every record of the audited topics with {@link #add}, in log (offset) order within each partition
 * (partitions may be interleaved in any way), then read the {@link #report()}.
 *
 * <h2>What it reports</h2>
 * <ul>
 * <li>{@link Kind#GAP} (violation): a chain (one producer instance, one topic) skips sequence numbers, or does
 * not start at 0: records were deleted from the log (or were stamped but never written, see below).</li>
 * <li>{@link Kind#MISMATCH} (violation): the previous-hash a record carries is not the SHA-256 of its
 * predecessor's chain header and value bytes: the predecessor's value or header, or this record's header, was
 * altered; or a first record (sequence 0) carries a non-zero previous hash.</li>
 * <li>{@link Kind#REORDER} (violation): within one partition a producer's sequence goes backwards: records were
 * moved.</li>
 * <li>{@link Kind#DUPLICATE} (violation): a sequence number appears twice in one chain: a record was copied.</li>
 * <li>{@link Kind#MALFORMED} (violation): an {@value ChainHeader#NAME} header that cannot be parsed.</li>
 * <li>{@link Kind#UNCHAINED} (warning, not a violation): records without a chain header, one finding per topic;
 * logs written before chaining was enabled have none.</li>
 * </ul>
 *
 * <h2>What an intact chain proves</h2>
 * For every producer instance and topic, the records present between its first and its last chained record
 * are exactly the ones it wrote, with the bytes it wrote (value and chain header), and within each partition in
 * the order it stamped them. An auditor who trusts the services' code therefore knows that nobody deleted,
 * altered, inserted or reordered an event in the middle of a chain after it was written.
 *
 * <h2>What it does not prove</h2>
 * <ul>
 * <li>Truncation: deleting the last records of a chain (or a whole chain) leaves no trace; nothing after them
 * carries their hash.</li>
 * <li>Altering the last record of a chain is not detected, for the same reason.</li>
 * <li>A forger who can write to the log and rewrites the chain from the altered point on (re-hashing every
 * later record) is not detected: the hashes are not keyed and not anchored anywhere outside the log. Only a
 * copy of chain heads kept elsewhere (or a signature) would catch that.</li>
 * <li>Chains are per producer instance and topic, not a global order: nothing relates records of different
 * producers, topics, or partitions in time; a restarted service starts a new chain, and a chain that vanished
 * entirely is invisible.</li>
 * <li>Record keys, timestamps and the other headers are not covered; only the value bytes and the chain
 * header are.</li>
 * <li>Records without a chain header (older logs, or a producer without the interceptor) prove nothing.</li>
 * <li>A gap can also be a record that was stamped but never written (a failed send, an aborted transaction); the
 * producing service logged that failure. On compacted topics (constructor argument) gaps are expected and not
 * reported, only the hashes of consecutive survivors are checked.</li>
 * <li>Records sent concurrently by several threads through one producer to one partition can be appended out of
 * stamping order; that is reported as a reorder although every hash matches.</li>
 * </ul>
 */
public final class ChainVerifier {

    /** One record as read from the log; {@code chainHeader} null when the record has none. */
    public record Entry(String topic, int partition, long offset, String eventId, byte[] chainHeader, byte[] value) {
    }

    public enum Kind { GAP, MISMATCH, REORDER, DUPLICATE, MALFORMED, UNCHAINED }

    /** One finding; {@code eventIds} names the records involved (null ids are left out). */
    public record Finding(Kind kind, boolean violation, String topic, String message, List<String> eventIds) {
    }

    public record Report(List<Finding> findings, long chainedRecords, long unchainedRecords, int chains) {
        public List<Finding> violations() {
            return findings.stream().filter(Finding::violation).toList();
        }

        public List<Finding> warnings() {
            return findings.stream().filter(f -> !f.violation()).toList();
        }

        public boolean intact() {
            return violations().isEmpty();
        }
    }

    private record Node(long sequence, String previousHash, String ownHash, String topic, int partition, long offset,
            String eventId) {
        String where() {
            return (eventId == null ? "?" : eventId) + " (" + topic + "/" + partition + "@" + offset + ", sequence "
                    + sequence + ")";
        }
    }

    private record ChainKey(String producerId, String topic) {
    }

    private record PartitionChain(String topic, int partition, String producerId) {
    }

    private final Set<String> compactedTopics;
    private final Map<ChainKey, List<Node>> chains = new LinkedHashMap<>();
    private final Map<PartitionChain, Node> lastInPartition = new HashMap<>();
    private final Map<String, List<String>> unchainedByTopic = new LinkedHashMap<>();
    private final Map<String, Long> unchainedCounts = new HashMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private long chained;
    private long unchained;

    public ChainVerifier() {
        this(Set.of());
    }

    /** @param compactedTopics topics where compaction legitimately removes records: gaps are not reported there */
    public ChainVerifier(Set<String> compactedTopics) {
        this.compactedTopics = Set.copyOf(compactedTopics);
    }

    public void add(Entry entry) {
        if (entry.chainHeader() == null) {
            unchained++;
            unchainedCounts.merge(entry.topic(), 1L, Long::sum);
            List<String> ids = unchainedByTopic.computeIfAbsent(entry.topic(), t -> new ArrayList<>());
            if (ids.size() < 5 && entry.eventId() != null) {
                ids.add(entry.eventId());
            }
            return;
        }
        ChainHeader header;
        try {
            header = ChainHeader.parse(entry.chainHeader());
        } catch (IllegalArgumentException e) {
            findings.add(new Finding(Kind.MALFORMED, true, entry.topic(), e.getMessage() + " on "
                    + (entry.eventId() == null ? "?" : entry.eventId()) + " (" + entry.topic() + "/" + entry.partition()
                    + "@" + entry.offset() + ")", ids(entry.eventId())));
            return;
        }
        chained++;
        Node node = new Node(header.sequence(), header.previousHash(),
                ChainHeader.link(entry.chainHeader(), entry.value()), entry.topic(), entry.partition(), entry.offset(),
                entry.eventId());
        chains.computeIfAbsent(new ChainKey(header.producerId(), entry.topic()), k -> new ArrayList<>()).add(node);
        PartitionChain partitionChain = new PartitionChain(entry.topic(), entry.partition(), header.producerId());
        Node before = lastInPartition.put(partitionChain, node);
        if (before != null && node.sequence() < before.sequence()) {
            findings.add(new Finding(Kind.REORDER, true, entry.topic(), "reorder in chain " + header.producerId()
                    + ": " + node.where() + " comes after " + before.where() + " in the partition",
                    ids(before.eventId(), node.eventId())));
        }
    }

    public Report report() {
        List<Finding> all = new ArrayList<>(findings);
        for (Map.Entry<ChainKey, List<Node>> chain : chains.entrySet()) {
            check(chain.getKey(), chain.getValue(), all);
        }
        unchainedByTopic.forEach((topic, ids) -> all.add(new Finding(Kind.UNCHAINED, false, topic,
                unchainedCounts.get(topic) + " record(s) on " + topic
                        + " carry no chain header (written before chaining was enabled, or without ChainInterceptor)"
                        + (ids.isEmpty() ? "" : ", e.g. " + String.join(", ", ids)), List.copyOf(ids))));
        return new Report(List.copyOf(all), chained, unchained, chains.size());
    }

    private void check(ChainKey key, List<Node> nodes, List<Finding> out) {
        List<Node> sorted = new ArrayList<>(nodes);
        sorted.sort(Comparator.comparingLong(Node::sequence));
        boolean compacted = compactedTopics.contains(key.topic());
        String chain = "chain " + key.producerId() + " on " + key.topic();
        Node first = sorted.get(0);
        if (first.sequence() == 0) {
            if (!first.previousHash().equals(ChainHeader.GENESIS)) {
                out.add(new Finding(Kind.MISMATCH, true, key.topic(), "hash mismatch in " + chain + ": "
                        + first.where() + " starts the chain but carries a non-zero previous hash",
                        ids(first.eventId())));
            }
        } else if (!compacted) {
            out.add(new Finding(Kind.GAP, true, key.topic(), "gap in " + chain + ": sequence 0"
                    + (first.sequence() > 1 ? ".." + (first.sequence() - 1) : "") + " missing before " + first.where(),
                    ids(first.eventId())));
        }
        for (int i = 1; i < sorted.size(); i++) {
            Node previous = sorted.get(i - 1);
            Node node = sorted.get(i);
            if (node.sequence() == previous.sequence()) {
                out.add(new Finding(Kind.DUPLICATE, true, key.topic(), "duplicate in " + chain + ": "
                        + previous.where() + " and " + node.where() + " carry the same sequence",
                        ids(previous.eventId(), node.eventId())));
            } else if (node.sequence() != previous.sequence() + 1) {
                if (!compacted) {
                    long missingFrom = previous.sequence() + 1;
                    long missingTo = node.sequence() - 1;
                    out.add(new Finding(Kind.GAP, true, key.topic(), "gap in " + chain + ": sequence " + missingFrom
                            + (missingTo > missingFrom ? ".." + missingTo : "") + " missing between " + previous.where()
                            + " and " + node.where(), ids(previous.eventId(), node.eventId())));
                }
            } else if (!node.previousHash().equals(previous.ownHash())) {
                out.add(new Finding(Kind.MISMATCH, true, key.topic(), "hash mismatch in " + chain + ": "
                        + previous.where() + " does not hash to the previous hash carried by " + node.where()
                        + " (the first was altered, or the chain header of the second)",
                        ids(previous.eventId(), node.eventId())));
            }
        }
    }

    private static List<String> ids(String... eventIds) {
        List<String> result = new ArrayList<>();
        for (String id : eventIds) {
            if (id != null) {
                result.add(id);
            }
        }
        return List.copyOf(result);
    }
}
