using AddisPay.Users.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.IntegrationTests.Users;

/// <summary>
/// The address book a shop front keeps through Users' contracts, run once for the classes of its use cases (add, update,
/// choose the default, list, remove): Alice adds a home and an office address, edits the office (twice, the second a
/// retry, then with a bad phone and region), makes it the default; Bekele, who knows her address ids, tries to edit,
/// choose and remove them; Alice removes the default twice (the second a retry).
/// </summary>
public sealed record AddressBookRun(
    ShippingAddress Home, ShippingAddress Office, UpdateShippingAddress Edit, ShippingAddress Edited, ShippingAddress EditedAgain,
    Exception? MalformedEdit, bool ChosenIsDefault, IReadOnlyList<Guid> ListedAfterChoosing,
    Exception? OthersEdit, Exception? OthersChoice, bool OthersRemoved, int CountAfterOthers,
    bool DefaultRemoved, bool DefaultRemovedAgain, IReadOnlyList<ShippingAddress> Remaining)
{
    public static Task<AddressBookRun> OnAsync(AllModulesPlatform platform) => platform.ArrangedAsync(async p =>
    {
        var accounts = p.Accounts();
        var alice = await accounts.RegisterUnverifiedAsync($"{Guid.NewGuid():N}@example.et");
        var bekele = await accounts.RegisterUnverifiedAsync($"{Guid.NewGuid():N}@example.et");
        await using var scope = p.Factory.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var home = await sender.Send(new AddShippingAddress(alice, "Home", "Almaz Tesfaye", "0911234567", "Addis Ababa", "Addis Ababa", "Bole", null, "House 12"));
        var office = await sender.Send(new AddShippingAddress(alice, "Office", "Almaz Tesfaye", "0922334455", "Oromia", "Adama", null, null, "Kebele 04"));

        var edit = new UpdateShippingAddress(alice, office.AddressId, "Office", "Almaz T.", "+251 922 33 44 55", "oromia", "Bishoftu", null, null, "Kebele 04");
        var edited = await sender.Send(edit);
        var editedAgain = await sender.Send(edit); // a retry
        var malformed = await Record.ExceptionAsync(async () => await sender.Send(edit with { Phone = "12345", Region = "Atlantis" }));

        var chosen = (await sender.Send(new ChooseDefaultShippingAddress(alice, office.AddressId))).IsDefault;
        var listed = (await sender.Send(new GetShippingAddresses(alice))).Select(a => a.AddressId).ToList();

        var othersEdit = await Record.ExceptionAsync(async () => await sender.Send(edit with { UserId = bekele }));
        var othersChoice = await Record.ExceptionAsync(async () => await sender.Send(new ChooseDefaultShippingAddress(bekele, home.AddressId)));
        var othersRemoved = (await sender.Send(new RemoveShippingAddress(bekele, home.AddressId))).Removed;
        var countAfterOthers = (await sender.Send(new GetShippingAddresses(alice))).Count;

        var removed = (await sender.Send(new RemoveShippingAddress(alice, office.AddressId))).Removed;
        var removedAgain = (await sender.Send(new RemoveShippingAddress(alice, office.AddressId))).Removed;
        var remaining = (await sender.Send(new GetShippingAddresses(alice))).ToList();
        return new AddressBookRun(home, office, edit, edited, editedAgain, malformed, chosen, listed, othersEdit, othersChoice, othersRemoved,
            countAfterOthers, removed, removedAgain, remaining);
    });
}
