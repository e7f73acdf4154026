using System.Text.Json;
using AddisPay.Shared.Messaging;
using AddisPay.Users.SweepThrottles;
using AddisPay.Users.Contracts;
using AddisPay.Users.Passwords;
using AddisPay.Users.Privacy;
using AddisPay.Users.Profile;

namespace AddisPay.Users.ShopperAccountRequests;

/// <summary>
/// The account pages of a shop front — password reset and change, profile, data export, deletion — through the very
/// commands the API runs, with the requests validated as the API's endpoints validate them.
/// </summary>
internal sealed class ShopperAccountRequests(ISender sender, UsersDbContext db, Credentials passwords) :
    ICommandHandler<RequestShopperPasswordReset, ShopperPasswordResetRequested>,
    ICommandHandler<ResetShopperPassword, ShopperPasswordChanged>,
    ICommandHandler<ChangeShopperPassword, ShopperPasswordChanged>,
    IQueryHandler<GetShopperProfile, ShopperProfile>,
    ICommandHandler<UpdateShopperProfile, ShopperProfile>,
    ICommandHandler<ChooseShopperLanguage, ShopperProfile>,
    IQueryHandler<ExportShopperData, ShopperDataExport>,
    ICommandHandler<DeleteShopperAccount, ShopperAccountDeleted>
{
    private static readonly JsonSerializerOptions Download = new(InternalApi.Json) { WriteIndented = true };

    public async ValueTask<ShopperPasswordResetRequested> Handle(RequestShopperPasswordReset command, CancellationToken ct)
    {
        await sender.Send(new ForgotPasswordCommand(Valid(new ForgotPasswordRequest(command.Email)).Email), ct);
        return new ShopperPasswordResetRequested(true);
    }

    public async ValueTask<ShopperPasswordChanged> Handle(ResetShopperPassword command, CancellationToken ct)
    {
        var request = Valid(new ResetPasswordRequest(command.Token, command.NewPassword));
        await sender.Send(new ResetPasswordCommand(request.Token, request.NewPassword), ct);
        return new ShopperPasswordChanged(true);
    }

    public async ValueTask<ShopperPasswordChanged> Handle(ChangeShopperPassword command, CancellationToken ct)
    {
        var request = Valid(new ChangePasswordRequest(command.CurrentPassword, command.NewPassword));
        await sender.Send(new ChangePasswordCommand(command.UserId, command.SessionId, request.CurrentPassword, request.NewPassword), ct);
        return new ShopperPasswordChanged(true);
    }

    public async ValueTask<ShopperProfile> Handle(GetShopperProfile query, CancellationToken ct) =>
        ToProfile(await sender.Send(new GetProfileQuery(query.UserId), ct));

    public async ValueTask<ShopperProfile> Handle(UpdateShopperProfile command, CancellationToken ct)
    {
        var request = Valid(new UpdateProfileRequest(command.FullName, string.IsNullOrWhiteSpace(command.Phone) ? null : command.Phone,
            command.PreferredLanguage, command.NotifyOrderUpdates, command.NotifyPromotions));
        return ToProfile(await sender.Send(new UpdateProfileCommand(command.UserId, request), ct));
    }

    public async ValueTask<ShopperProfile> Handle(ChooseShopperLanguage command, CancellationToken ct)
    {
        var p = await sender.Send(new GetProfileQuery(command.UserId), ct);
        if (p.PreferredLanguage == command.Language) return ToProfile(p);
        var request = Valid(new UpdateProfileRequest(p.FullName, p.Phone, command.Language, p.NotifyOrderUpdates, p.NotifyPromotions));
        return ToProfile(await sender.Send(new UpdateProfileCommand(command.UserId, request), ct));
    }

    public async ValueTask<ShopperDataExport> Handle(ExportShopperData query, CancellationToken ct) =>
        new(JsonSerializer.Serialize(await sender.Send(new ExportAccountQuery(query.UserId), ct), Download));

    public async ValueTask<ShopperAccountDeleted> Handle(DeleteShopperAccount command, CancellationToken ct)
    {
        // The API deletes on a bearer token alone; a browser session left open on a shared computer must not be enough.
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == command.UserId && a.DeletedAt == null, ct)
            ?? throw new NotFoundException("Account not found.");
        if (!(await passwords.VerifyAsync(account, command.Password ?? "", ct)).Matches)
            throw new ValidationFailedException("password", "The password is wrong.");
        await sender.Send(new DeleteAccountCommand(command.UserId), ct);
        return new ShopperAccountDeleted(true);
    }

    private static T Valid<T>(T request) where T : class =>
        Validation.Errors(request) is { Count: > 0 } errors ? throw new ValidationFailedException(errors) : request;

    private static ShopperProfile ToProfile(ProfileView p) =>
        new(p.Id, p.Email, p.EmailVerified, p.FullName, p.Phone, p.PreferredLanguage, p.NotifyOrderUpdates, p.NotifyPromotions);
}
