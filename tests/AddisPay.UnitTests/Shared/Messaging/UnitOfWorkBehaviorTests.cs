using AddisPay.Shared.Events;
using AddisPay.Shared.Messaging;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AddisPay.UnitTests.Shared.Messaging;

public sealed class UnitOfWorkBehaviorTests
{
    private sealed record Rename(string Name) : ICommand<string>;
    private sealed record Look(string Name) : IQuery<string>;

    /// <summary>Records what the pipeline asks of a module's unit of work.</summary>
    private sealed class RecordedWork : UnitOfWork
    {
        public List<string> Calls { get; } = [];
        public override Task CompleteAsync(CancellationToken ct) { Calls.Add("complete"); return Task.CompletedTask; }
        public override Task AbandonAsync() { Calls.Add("abandon"); return Task.CompletedTask; }
        public override NpgsqlCommand Command(string sql) => throw new NotSupportedException();
        internal override void Join(IntegrationEventContext inbox) => throw new NotSupportedException();
    }

    private readonly RecordedWork _work = new();
    private readonly ServiceProvider _services;

    public UnitOfWorkBehaviorTests()
    {
        var owners = new CommandOwners();
        owners.Add(typeof(UnitOfWorkBehaviorTests).Assembly, "shop");
        _services = new ServiceCollection().AddSingleton(owners).AddKeyedSingleton<UnitOfWork>("shop", _work).BuildServiceProvider();
    }

    private UnitOfWorkBehavior<TMessage, string> Behaviour<TMessage>() where TMessage : IMessage =>
        new(_services, _services.GetRequiredService<CommandOwners>());

    [Fact]
    public async Task A_command_completes_its_modules_work_after_its_handler_returns()
    {
        var answer = await Behaviour<Rename>().Handle(new Rename("a"), (_, _) =>
        {
            _work.Calls.Add("handler");
            return ValueTask.FromResult("done");
        }, default);

        Assert.Equal("done", answer);
        Assert.Equal(["handler", "complete"], _work.Calls);
    }

    [Fact]
    public async Task A_command_whose_handler_throws_abandons_the_work_and_completes_nothing()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await Behaviour<Rename>().Handle(new Rename("a"), (_, _) => throw new InvalidOperationException("refused"), default));

        Assert.Equal(["abandon"], _work.Calls);
    }

    [Fact]
    public async Task A_command_sent_from_a_handler_of_the_same_module_joins_the_outer_work_which_completes_once()
    {
        var behaviour = Behaviour<Rename>();
        await behaviour.Handle(new Rename("outer"), async (_, ct) =>
        {
            await behaviour.Handle(new Rename("inner"), (_, _) => ValueTask.FromResult("inner done"), ct);
            _work.Calls.Add("outer handler");
            return "outer done";
        }, default);

        Assert.Equal(["outer handler", "complete"], _work.Calls);
    }

    [Fact]
    public async Task A_failed_inner_command_caught_by_its_caller_leaves_the_outer_work_to_complete()
    {
        var behaviour = Behaviour<Rename>();
        await behaviour.Handle(new Rename("outer"), async (_, ct) =>
        {
            await Assert.ThrowsAsync<InvalidOperationException>(async () =>
                await behaviour.Handle(new Rename("inner"), (_, _) => throw new InvalidOperationException("refused"), ct));
            return "outer done";
        }, default);

        Assert.Equal(["complete"], _work.Calls);
    }

    [Fact]
    public async Task A_query_gets_no_unit_of_work()
    {
        var answer = await Behaviour<Look>().Handle(new Look("a"), (_, _) => ValueTask.FromResult("seen"), default);

        Assert.Equal("seen", answer);
        Assert.Empty(_work.Calls);
    }

    [Fact]
    public async Task A_command_of_a_module_without_a_unit_of_work_here_passes_through()
    {
        var services = new ServiceCollection().AddSingleton(new CommandOwners()).BuildServiceProvider();
        var answer = await new UnitOfWorkBehavior<Rename, string>(services, services.GetRequiredService<CommandOwners>())
            .Handle(new Rename("a"), (_, _) => ValueTask.FromResult("forwarded"), default);

        Assert.Equal("forwarded", answer);
        Assert.Empty(_work.Calls);
    }
}
