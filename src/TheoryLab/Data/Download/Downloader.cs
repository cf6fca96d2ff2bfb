using System.Security.Cryptography;

namespace TheoryLab.Data.Download;

/// <summary>
/// Fetches published files over HTTP, checks each against its SHA-256 digest, and moves it into place only
/// when it matches, so a cache never holds a partial or wrong file.
/// </summary>
public sealed class Downloader(HttpClient client)
{
    private static readonly Lazy<Downloader> Shared = new(() => new(new HttpClient(new SocketsHttpHandler
    {
        // An offline machine should fail in seconds, not wait out the whole-download timeout.
        ConnectTimeout = TimeSpan.FromSeconds(15),
    })
    { Timeout = TimeSpan.FromMinutes(10) }));

    /// <summary>A downloader over one shared HTTP client.</summary>
    public static Downloader Default => Shared.Value;

    /// <summary>
    /// Downloads <paramref name="file"/> from the first of <paramref name="mirrors"/> that serves it with the
    /// published digest and writes it to <paramref name="target"/> atomically. Throws a
    /// <see cref="TheoryLabException"/> listing each URL tried and why it failed when none succeeds.
    /// </summary>
    public void Fetch(PublishedFile file, IReadOnlyList<Uri> mirrors, string target, CancellationToken cancellation = default)
    {
        var failures = new List<string>();
        foreach (var mirror in mirrors)
        {
            var url = new Uri(mirror, file.Name);
            try
            {
                FetchOne(url, file, target, cancellation);
                return;
            }
            catch (DownloadFailure e)
            {
                failures.Add($"{url}: {e.Message}");
            }
        }
        throw new TheoryLabException($"could not download {file.Name}: {string.Join("; ", failures)}");
    }

    /// <summary>The SHA-256 digest of a file, as lower-case hex.</summary>
    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private void FetchOne(Uri url, PublishedFile file, string target, CancellationToken cancellation)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = client.Send(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
            if (!response.IsSuccessStatusCode)
                throw new DownloadFailure($"the server answered {(int)response.StatusCode} {response.ReasonPhrase}");

            AtomicFile.Write(target, temp =>
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                using (var body = response.Content.ReadAsStream(cancellation))
                using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                {
                    var buffer = new byte[1 << 16];
                    int read;
                    while ((read = body.Read(buffer)) > 0)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        hash.AppendData(buffer, 0, read);
                        output.Write(buffer, 0, read);
                    }
                    output.Flush(flushToDisk: true);
                }
                string digest = Convert.ToHexStringLower(hash.GetHashAndReset());
                if (!string.Equals(digest, file.Sha256, StringComparison.OrdinalIgnoreCase))
                    throw new DownloadFailure($"its SHA-256 is {digest}, not the published {file.Sha256}; the file was discarded");
            });
        }
        catch (HttpRequestException e)
        {
            throw new DownloadFailure($"no connection ({e.Message})");
        }
        catch (TaskCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new DownloadFailure("timed out");
        }
        catch (IOException e)
        {
            throw new DownloadFailure($"the transfer broke off or {target} could not be written ({e.Message})");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DownloadFailure($"{target} could not be written ({e.Message})");
        }
    }

    /// <summary>Why one URL failed; collected so the final message lists every attempt.</summary>
    private sealed class DownloadFailure(string message) : Exception(message);
}
