using AddisPay.Users.Contracts;

namespace AddisPay.Notifications.AccountEmails;

/// <summary>
/// Verification and password-reset links, and the warning that someone tried to register with an address that already has
/// an account. Always by email, whatever the user's notification choices: they are
/// part of signing in, not news. The token travels in the link; Users keeps only its hash.
/// </summary>
internal sealed class AccountEmails(Notifier notifier) :
    IIntegrationEventHandler<EmailVerificationRequested>, IIntegrationEventHandler<PasswordResetRequested>,
    IIntegrationEventHandler<RegistrationAttempted>
{
    public Task HandleAsync(EmailVerificationRequested e, IntegrationEventContext context, CancellationToken ct) =>
        notifier.NotifyAsync(context, e.EventId, new Addressee(e.UserId, e.Email, null, e.PreferredLanguage, e.FullName),
            TemplateCatalogue.EmailVerification, new() { ["expires"] = Notifier.LocalTime(e.ExpiresAt) },
            notifier.StorefrontLink($"/verify-email?token={Uri.EscapeDataString(e.Token)}"), allowSms: false, ct);

    public Task HandleAsync(PasswordResetRequested e, IntegrationEventContext context, CancellationToken ct) =>
        notifier.NotifyAsync(context, e.EventId, new Addressee(e.UserId, e.Email, null, e.PreferredLanguage, e.FullName),
            TemplateCatalogue.PasswordReset, new() { ["expires"] = Notifier.LocalTime(e.ExpiresAt) },
            notifier.StorefrontLink($"/reset-password?token={Uri.EscapeDataString(e.Token)}"), allowSms: false, ct);

    public Task HandleAsync(RegistrationAttempted e, IntegrationEventContext context, CancellationToken ct) =>
        notifier.NotifyAsync(context, e.EventId, new Addressee(e.UserId, e.Email, null, e.PreferredLanguage, e.FullName),
            TemplateCatalogue.RegistrationAttempted, new(), notifier.StorefrontLink("/sign-in"), allowSms: false, ct);
}
