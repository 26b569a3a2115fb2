namespace Course.Kernel.Tests;

public sealed class KernelInfoTests
{
    [Fact]
    public void The_banner_and_help_links_come_from_the_host()
    {
        var reply = KernelInfo.Reply(new KernelBanner("C# for the workshop", [new HelpLink("Workshop", "https://example.org/w")]));
        Assert.Equal("C# for the workshop", reply["banner"]!.GetValue<string>());
        Assert.Equal("https://example.org/w", reply["help_links"]![0]!["url"]!.GetValue<string>());
    }

    [Fact]
    public void Without_a_host_banner_the_kernel_names_only_its_language()
    {
        var banner = KernelInfo.Reply(KernelInfo.Neutral)["banner"]!.GetValue<string>();
        Assert.StartsWith("C# ", banner);
        Assert.DoesNotContain("course", banner, StringComparison.OrdinalIgnoreCase);
    }
}
