package io.resetflow.api.docs;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI document at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}), with seed
 * 001's examples for every request and every error, kept here so that the controllers stay thin.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDocs {

    private static final String KEY = "apiKey";

    @Bean
    OpenAPI resetflowOpenApi() {
        return new OpenAPI()
                .info(new Info().title("resetflow API").version("v1").description("""
                        Password resets for portals. Send your API key in the Authorization header, bare (as seed 001
                        shows) or as `Bearer <key>`. Public keys may only request resets; secret keys may also use
                        the admin API. Every answer is JSON with `Status` (Success or Error) and a `Message`."""))
                .components(new Components().addSecuritySchemes(KEY, new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("Authorization")))
                .addSecurityItem(new SecurityRequirement().addList(KEY));
    }

    @Bean
    OpenApiCustomizer resetflowExamples() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                if (!path.startsWith("/v1/")) {
                    return;
                }
                item.readOperations().forEach(OpenApiDocs::addErrors);
            });
            PathItem resets = openApi.getPaths().get("/v1/password-resets");
            if (resets != null && resets.getPost() != null) {
                describeForgotPassword(resets.getPost());
            }
            PathItem logins = openApi.getPaths().get("/v1/logins");
            if (logins != null && logins.getPost() != null) {
                logins.getPost().summary("Check a user's password against the directory")
                        .requestBody(json(Map.of("login", example("{\"EmailAddress\":\"alice@example.com\",\"Password\":\"correct horse battery staple\"}"))));
                logins.getPost().getResponses().addApiResponse("200", response("The password matches",
                        Map.of("success", example("{\"Status\":\"Success\",\"Message\":\"Password is correct\",\"Id\":\"5f1c...\"}"))));
                logins.getPost().getResponses().addApiResponse("401", response("Unknown email or wrong password (one answer for both); also a missing, invalid or public key",
                        Map.of("wrong", example("{\"Status\":\"Error\",\"Message\":\"The email address or password is incorrect.\"}"))));
                logins.getPost().getResponses().addApiResponse("429", response("5 checks of this email failed in the last 15 minutes"
                                + " (unknown emails alike): refused, whatever the password, until Retry-After; a new password set"
                                + " through a reset link ends the lock",
                        Map.of("locked", example("{\"Status\":\"Error\",\"Message\":\"Too many failed logins for this email address."
                                + " Try again in 840 second(s), or reset the password.\"}"))));
            }
        };
    }

    private static void describeForgotPassword(Operation post) {
        Map<String, Example> requests = new LinkedHashMap<>();
        requests.put("byEmail", example("{\"EmailAddress\":\"johnwick@example.com\"}"));
        requests.put("byPhone", example("{\"SearchKeyData\":{\"SchemaName\":\"Phone\",\"Value\":\"+14-157415569\"}}"));
        requests.put("bySmsToPhone", example(
                "{\"SearchKeyData\":{\"SchemaName\":\"Phone\",\"Value\":\"+14-157415569\"},\"RecipientField\":{\"SchemaName\":\"Phone\"}}"));
        requests.put("byTenantField", example(
                "{\"SearchKeyData\":{\"SchemaName\":\"MemberNumber\",\"Value\":\"M-0001\"},\"RecipientField\":{\"SchemaName\":\"AlternateEmail\"}}"));
        post.summary("Send a password reset link (seed 001 Forgot Password)")
                .description("Finds the user by EmailAddress or by any unique field (SearchKeyData) and sends the reset link to the "
                        + "account's email address, or to RecipientField (a phone field means SMS). Unknown accounts, and accounts whose "
                        + "RecipientField is empty, get the same answer unless the tenant enabled RevealUnknownAccounts. Send an Idempotency-Key header to make retries safe.")
                .requestBody(json(requests));
        post.getResponses().addApiResponse("200", response("Recorded; the link is on its way (the same answer for unknown accounts)",
                Map.of("success", example("{\"Status\":\"Success\",\"Message\":\"Reset link sent successfully\",\"RequestId\":\"0b7e...\"}"))));
        post.getResponses().addApiResponse("503", response("The event log could not acknowledge; nothing was recorded, retry",
                Map.of("unavailable", example("{\"Status\":\"Error\",\"Message\":\"The reset request could not be recorded right now. Retry in a few seconds.\"}"))));
    }

    private static void addErrors(Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        responses.addApiResponse("400", response("Malformed body, wrong content type, unknown attribute or SchemaName, wrong value type, body over 16 KiB",
                Map.of("malformed", example("{\"Status\":\"Error\",\"Message\":\"The message body on the request is not as per API specification. The body is not valid JSON.\"}"),
                        "contentType", example("{\"Status\":\"Error\",\"Message\":\"The message body on the request is not as per API specification. Set the Content-Type header to \\\"application/json\\\".\"}"),
                        "unknownSchema", example("{\"Status\":\"Error\",\"Message\":\"Unknown SchemaName 'Shoe'; use one of EmailAddress, Phone.\"}"))));
        responses.addApiResponse("401", response("Missing, unknown or revoked key; or a public key on a secret-key route",
                Map.of("invalid", example("{\"Status\":\"Error\",\"Message\":\"The API call was made with invalid access credentials. Check your API key.\"}"))));
        responses.addApiResponse("404", response("Unknown route",
                Map.of("notFound", example("{\"Status\":\"Error\",\"Message\":\"The API could not be found. Please check the API signature.\"}"))));
        responses.addApiResponse("429", response("Over the key's rate limit; see Retry-After",
                Map.of("limited", example("{\"Status\":\"Error\",\"Message\":\"API calls exceeded the limit of 25 in 5 second(s)\"}"))));
        responses.addApiResponse("500", response("A real internal fault; quote the CorrelationId",
                Map.of("fault", example("{\"Status\":\"Error\",\"Message\":\"The API call failed because of an internal fault. Quote the CorrelationId when reporting it.\",\"CorrelationId\":\"3f2a...\"}"))));
        operation.setResponses(responses);
    }

    private static RequestBody json(Map<String, Example> examples) {
        return new RequestBody().required(true).content(new Content().addMediaType("application/json",
                new MediaType().schema(new Schema<>().type("object")).examples(examples)));
    }

    private static ApiResponse response(String description, Map<String, Example> examples) {
        return new ApiResponse().description(description).content(new Content().addMediaType("application/json",
                new MediaType().schema(new Schema<>().type("object")).examples(examples)));
    }

    private static Example example(String json) {
        return new Example().value(json);
    }
}
