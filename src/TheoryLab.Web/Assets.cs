using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;

namespace TheoryLab.Web;

/// <summary>The page, its script and its style, embedded in this assembly (see the project file).</summary>
internal static class Assets
{
    private static readonly FileExtensionContentTypeProvider Types = new();

    public static void Map(WebApplication app)
    {
        app.MapGet("/", () => Serve("index.html"));
        app.MapGet("/assets/{name}", (string name) => Serve(name));
    }

    private static IResult Serve(string name)
    {
        // Only names embedded under assets/ resolve, so no path reaches the file system.
        var stream = typeof(Assets).Assembly.GetManifestResourceStream("assets/" + name);
        if (stream is null) return Results.NotFound(new ErrorAnswer($"no asset '{name}'."));
        return Results.Stream(stream, Types.TryGetContentType(name, out var type) ? type : "application/octet-stream");
    }
}
