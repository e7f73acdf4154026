namespace AddisPay.Products.CommitReservation;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Products.Contracts;

/// <summary>Payment took the held units: stock leaves the shelf.</summary>
internal sealed class CommitReservationHandler(ReservationSettlement settlement) : ICommandHandler<CommitReservation, Reservation>
{
    public ValueTask<Reservation> Handle(CommitReservation command, CancellationToken ct) =>
        settlement.SettleAsync(command.ReservationId, ReservationStatus.Committed, ct);
}
