namespace AddisPay.IntegrationTests.Products;

/// <summary>A category moved by staff (MoveStaffCategory over the pod-to-pod endpoint): with its children, never under itself or its descendants, once per move.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class MoveStaffCategoryTests(CatalogueAndCartPlatform platform)
{
    private Task<HerbTree> TreeAsync() => HerbTree.ArrangedAsync(platform);

    [Fact]
    public async Task A_category_moved_under_its_own_descendant_is_a_409_category_cycle()
    {
        var (status, problem) = (await TreeAsync()).UnderDescendant;
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("category.cycle", problem.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_category_moved_under_itself_is_a_409() =>
        Assert.Equal(HttpStatusCode.Conflict, (await TreeAsync()).UnderItself);

    [Fact]
    public async Task A_refused_move_leaves_the_category_where_it_was() =>
        Assert.Equal(JsonValueKind.Null, (await TreeAsync()).TopAfterRefusals.GetProperty("parentSlug").ValueKind);

    [Fact]
    public async Task A_category_moved_under_another_takes_its_children_along()
    {
        var tree = await TreeAsync();
        var childNode = Assert.Single(tree.OtherAfterMove.GetProperty("children").EnumerateArray());
        Assert.Equal(tree.Grandchild, Assert.Single(childNode.GetProperty("children").EnumerateArray()).GetProperty("slug").GetString());
    }

    [Fact]
    public async Task A_move_is_not_a_replay_the_first_time() =>
        Assert.False((await TreeAsync()).Moved.GetProperty("replayed").GetBoolean());

    [Fact]
    public async Task A_move_sent_again_is_a_replay() =>
        Assert.True((await TreeAsync()).MovedAgain.GetProperty("replayed").GetBoolean());
}
