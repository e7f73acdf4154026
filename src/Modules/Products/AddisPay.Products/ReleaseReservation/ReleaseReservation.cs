namespace AddisPay.Products.ReleaseReservation;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Products.Contracts;

/// <summary>The checkout was cancelled before payment: the held units return.</summary>
internal sealed class ReleaseReservationHandler(ReservationSettlement settlement) : ICommandHandler<ReleaseReservation, Reservation>
{
    public ValueTask<Reservation> Handle(ReleaseReservation command, CancellationToken ct) =>
        settlement.SettleAsync(command.ReservationId, ReservationStatus.Released, ct);
}
