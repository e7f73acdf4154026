using AddisPay.Users.Register;

namespace AddisPay.Users.RegisterShopper;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

/// <summary>A shop front's registration: the very command the API runs, validated as the API validates it.</summary>
internal sealed class RegisterShopperHandler(ISender sender) : ICommandHandler<RegisterShopper, ShopperRegistrationReceived>
{
    public async ValueTask<ShopperRegistrationReceived> Handle(RegisterShopper command, CancellationToken ct)
    {
        var request = ValidRequest.Of(new RegisterRequest(command.Email, command.Password, command.FullName,
            string.IsNullOrWhiteSpace(command.Phone) ? null : command.Phone, command.Language, command.AcceptPromotions));
        return new ShopperRegistrationReceived((await sender.Send(new RegisterCommand(request), ct)).Next);
    }
}
