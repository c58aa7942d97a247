package io.resetflow.notifier.sms;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;

import io.resetflow.notifier.delivery.SendResult;
import io.resetflow.notifier.delivery.Secret;
import io.resetflow.notifier.delivery.SmsGateway;
import io.resetflow.notifier.tenant.TenantSettings;
import io.resetflow.notifier.tenant.Tenants;

/**
 * Sends "Your password reset link: {link}" through twilio-java, after the tenant's guards against SMS pumping:
 * the number must be E.164-normalisable (else FAILED_PERMANENT), its country calling code allowed (else
 * FAILED_PERMANENT), and the number under its daily cap (else THROTTLED). Answers Twilio's message SID. Twilio 4xx
 * answers are permanent, 429/5xx and connection faults temporary. Reasons never carry the number or the link.
 */
@Component
class TwilioSmsGateway implements SmsGateway {

    static final int DEFAULT_DAILY_CAP = 10;

    private final SmsProperties properties;
    private final Tenants tenants;
    private final SmsDailyCounter counter;
    private final Clock clock;
    private final TwilioRestClient client;

    TwilioSmsGateway(SmsProperties properties, Tenants tenants, SmsDailyCounter counter, Clock clock) {
        this.properties = properties;
        this.tenants = tenants;
        this.counter = counter;
        this.clock = clock;
        this.client = properties.configured()
                ? new TwilioRestClient.Builder(properties.accountSid(), properties.authToken())
                        .httpClient(new RebasedTwilioHttpClient(properties.twilioBaseUrl()))
                        .build()
                : null;
    }

    @Override
    public SendResult sendResetLink(String tenantId, Secret number, Secret link) {
        if (client == null) {
            return new SendResult.Failed(true, "SMS is not configured (resetflow.sms.account-sid, auth-token, from)");
        }
        Optional<String> e164 = PhoneNumbers.e164(number.value());
        if (e164.isEmpty()) {
            return new SendResult.Failed(true, "not an E.164 phone number");
        }
        Optional<TenantSettings> settings = tenants.find(tenantId);
        List<String> allowed = settings.map(TenantSettings::smsAllowedCountryCodes).orElse(List.of());
        if (!PhoneNumbers.inCountries(e164.get(), allowed)) {
            return new SendResult.Failed(true, "SMS to this country is not allowed for the tenant (allowed calling codes: "
                    + String.join(", ", allowed) + ")");
        }
        int cap = settings.map(TenantSettings::smsDailyCapPerNumber).orElse(DEFAULT_DAILY_CAP);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!counter.reserve(tenantId, e164.get(), today, cap)) {
            return new SendResult.Throttled("daily SMS cap of " + cap + " per number reached");
        }
        try {
            Message message = Message.creator(new PhoneNumber(e164.get()), new PhoneNumber(properties.from()),
                    "Your password reset link: " + link.value()).create(client);
            return new SendResult.Sent(message.getSid());
        } catch (ApiException e) {
            counter.release(tenantId, e164.get(), today);
            Integer status = e.getStatusCode();
            boolean temporary = status == null || status == 429 || status >= 500;
            return new SendResult.Failed(!temporary, "Twilio error " + e.getCode() + " (HTTP " + status + ")");
        } catch (ApiConnectionException e) {
            counter.release(tenantId, e164.get(), today);
            return new SendResult.Failed(false, "Twilio unreachable");
        } catch (TwilioException e) {
            counter.release(tenantId, e164.get(), today);
            return new SendResult.Failed(false, "Twilio client error: " + e.getClass().getSimpleName());
        }
    }
}
