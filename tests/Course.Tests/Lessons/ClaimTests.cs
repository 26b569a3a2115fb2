namespace Course.Tests.Lessons;

public sealed class ClaimTests
{
    [Fact]
    public void A_claim_that_holds_is_printed_and_one_that_fails_throws_with_the_statement()
    {
        var original = Console.Out;
        var captured = new StringWriter();
        Console.SetOut(captured);
        try { Claim.That(1 + 1 == 2, "arithmetic works"); }
        finally { Console.SetOut(original); }
        Assert.Contains("✔ arithmetic works", captured.ToString());

        var error = Assert.Throws<ClaimFailedException>(() => Claim.That(false, "accuracy ≥ 99 %"));
        Assert.Contains("accuracy ≥ 99 %", error.Message);
    }
}
