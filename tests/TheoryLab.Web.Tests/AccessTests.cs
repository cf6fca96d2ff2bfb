using System.Net;

namespace TheoryLab.Web.Tests;

/// <summary>The token: nothing is served without it, in the query or in the cookie the first answer sets.</summary>
public class AccessTests
{
    public static TheoryData<string> Paths => ["/", "/assets/app.js", "/api/experiments", "/api/phase-diagram", "/api/runs", "/api/file?path=x.png", "/no-such-page"];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task WithoutTheToken_EveryPathIsForbidden(string path)
    {
        await using var server = await RunningExplorer.StartAsync();
        using var stranger = server.Stranger();
        var answer = await stranger.GetAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains("token", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AWrongToken_InTheQueryOrTheCookie_IsForbidden()
    {
        await using var server = await RunningExplorer.StartAsync();
        using var stranger = server.Stranger();
        string wrong = RunningExplorer.Token[..^1] + "0";
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/experiments?token={wrong}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/experiments?token={RunningExplorer.Token}x")).StatusCode);
        var withCookie = new HttpRequestMessage(HttpMethod.Get, "/api/experiments");
        withCookie.Headers.Add("Cookie", $"{AccessToken.CookieName(server.Explorer.Address.Port)}={wrong}");
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.SendAsync(withCookie)).StatusCode);
    }

    [Fact]
    public async Task ThePrintedUrl_AdmitsAndSetsTheCookie_ThatAloneAdmitsLaterRequests()
    {
        await using var server = await RunningExplorer.StartAsync();
        using var visitor = await server.Visitor();
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/api/experiments")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/assets/app.js")).StatusCode);
    }

    [Fact]
    public async Task TheServer_ListensOnLoopbackOnly_AndPrintsItsUrlWithTheToken()
    {
        await using var server = await RunningExplorer.StartAsync();
        Assert.Equal("127.0.0.1", server.Explorer.Address.Host);
        Assert.NotEqual(0, server.Explorer.Address.Port);
        Assert.Equal($"http://127.0.0.1:{server.Explorer.Address.Port}/?token={RunningExplorer.Token}", server.Explorer.Url);
    }

    [Fact]
    public void NewTokens_Are64HexDigits_AndDiffer()
    {
        string a = AccessToken.New(), b = AccessToken.New();
        Assert.Matches("^[0-9a-f]{64}$", a);
        Assert.NotEqual(a, b);
    }
}
