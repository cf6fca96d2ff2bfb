using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace TheoryLab.Web;

/// <summary>A request's JSON body, or a one-line refusal that shows what to send.</summary>
internal static class RequestBody
{
    public static async Task<T> Read<T>(HttpRequest http, string what, string example)
    {
        try
        {
            return await http.ReadFromJsonAsync<T>() ?? throw new JsonException("null");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new TheoryLabException($"the {what} could not be read ({e.Message}); send JSON such as {example}.");
        }
    }
}
