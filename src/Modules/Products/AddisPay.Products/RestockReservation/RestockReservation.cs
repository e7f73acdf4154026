namespace AddisPay.Products.RestockReservation;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Products.Contracts;

/// <summary>A sale cancelled before shipping: its units return to the shelf, less those already returned one by one.</summary>
internal sealed class RestockReservationHandler(ReservationSettlement settlement) : ICommandHandler<RestockReservation, Reservation>
{
    public ValueTask<Reservation> Handle(RestockReservation command, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(command.Note) || command.Note.Length > 500)
            throw new ValidationFailedException("note", "Say why the units come back (up to 500 characters).");
        return settlement.SettleAsync(command.ReservationId, ReservationStatus.Restocked, ct, command.Note.Trim());
    }
}
