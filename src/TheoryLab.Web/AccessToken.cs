using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace TheoryLab.Web;

/// <summary>
/// The secret that keeps other users of the machine out, as Jupyter's token does: 127.0.0.1 is reachable by every
/// local account, so the address alone proves nothing. The token comes once in the printed URL's query; the answer
/// sets it as a cookie for the pages' own requests; anything without it gets 403.
/// </summary>
public static class AccessToken
{
    public const string QueryName = "token";

    /// <summary>32 random bytes as hex.</summary>
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>Browsers share cookies between ports of one host, so each server names its cookie after its port.</summary>
    public static string CookieName(int port) => $"theorylab-token-{port}";

    public static async Task Require(HttpContext context, string token, RequestDelegate next)
    {
        string cookie = CookieName(context.Connection.LocalPort);
        if (Matches(context.Request.Query[QueryName], token))
        {
            context.Response.Cookies.Append(cookie, token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
            await next(context);
        }
        else if (Matches(context.Request.Cookies[cookie], token))
        {
            await next(context);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(new ErrorAnswer("this explorer needs its token: open the URL that 'theorylab serve' printed, ?token=… included."));
        }
    }

    /// <summary>Compared in constant time, so that response times do not reveal how much of a guess was right.</summary>
    private static bool Matches(string? offered, string token) =>
        offered is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(offered), Encoding.UTF8.GetBytes(token));
}
