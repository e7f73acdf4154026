using AddisPay.Shared.Contracts;
using AddisPay.Shared.Messaging;
using AddisPay.Shared.Modules;

namespace AddisPay.UnitTests.Shared.Messaging;

public sealed class ModuleDirectoryTests
{
    private sealed class Module(string name) : IModule
    {
        public string Name => name;
        public System.Reflection.Assembly Contracts => typeof(ModuleDirectoryTests).Assembly;
        public void Register(ModuleRegistration module) { }
        public void MapEndpoints(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder api) { }
    }

    private readonly ModuleDirectory _directory = new([new Module("cart")]);

    [Fact]
    public void Every_module_answers_the_platform_requests_addressed_to_a_module_by_name()
    {
        Assert.Equal(typeof(ReplayInboxDeadLetter), _directory.FindRequest("cart", nameof(ReplayInboxDeadLetter)));
        Assert.Equal(typeof(ListInboxDeadLetters), _directory.FindRequest("cart", nameof(ListInboxDeadLetters)));
        Assert.Equal(typeof(GetInboxStatus), _directory.FindRequest("cart", nameof(GetInboxStatus)));
    }

    [Fact]
    public void A_module_this_directory_does_not_know_answers_no_request_at_all()
    {
        Assert.Null(_directory.FindRequest("warehouse", nameof(ReplayInboxDeadLetter)));
        Assert.Null(_directory.FindRequest("cart", "ReplayEverything"));
    }

    [Fact]
    public void The_replay_is_retried_across_pods_and_has_no_owning_module_of_its_own()
    {
        Assert.True(ModuleDirectory.IsRetrySafe(typeof(ReplayInboxDeadLetter)));
        Assert.Null(_directory.OwnerOf(typeof(ReplayInboxDeadLetter)));
    }
}
