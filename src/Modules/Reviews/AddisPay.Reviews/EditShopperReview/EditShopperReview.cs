using AddisPay.Reviews.EditReview;
using AddisPay.Reviews.WriteReview;

namespace AddisPay.Reviews.EditShopperReview;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Reviews.Contracts;

/// <summary>A shop front's rewrite of the shopper's review, through the very command the API runs, validated as the API validates it.</summary>
internal sealed class EditShopperReviewHandler(ISender sender) : ICommandHandler<EditShopperReview, ShopperReview>
{
    public async ValueTask<ShopperReview> Handle(EditShopperReview command, CancellationToken ct)
    {
        var request = new ReviewRequest(command.Rating, command.Title, command.Text, command.Language).ValidOrThrow();
        return (await sender.Send(new EditReviewCommand(command.ReviewId, command.AuthorId, request), ct)).ToShopper();
    }
}
