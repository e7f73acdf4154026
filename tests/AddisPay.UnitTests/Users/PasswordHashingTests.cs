using AddisPay.Users.SweepThrottles;
using AddisPay.Users.Domain;

namespace AddisPay.UnitTests.Users;

/// <summary>How much PBKDF2 work a password hash takes (AddisPay:Users:PasswordHashing).</summary>
public sealed class PasswordHashingTests
{
    [Fact]
    public void By_default_a_hash_takes_the_iterations_OWASP_recommends() =>
        Assert.Equal(210_000, new PasswordHashing().Iterations);

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Development")]
    public void Outside_the_test_environment_fewer_iterations_than_recommended_refuse_to_start(string environment) =>
        Assert.Contains("at least 210000", new PasswordHashing { Iterations = 209_999 }.Problem(environment));

    [Fact]
    public void The_test_environment_may_hash_with_less_work() =>
        Assert.Null(new PasswordHashing { Iterations = 10_000 }.Problem("Testing"));

    [Fact]
    public void More_work_than_recommended_is_accepted_anywhere() =>
        Assert.Null(new PasswordHashing { Iterations = 600_000 }.Problem("Production"));

    [Fact]
    public void No_environment_accepts_a_count_that_is_not_positive() =>
        Assert.Contains("must be positive", new PasswordHashing { Iterations = 0 }.Problem("Testing"));
}
