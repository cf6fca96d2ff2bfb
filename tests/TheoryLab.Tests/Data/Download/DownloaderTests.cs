using System.Security.Cryptography;
using TheoryLab.Data.Download;

namespace TheoryLab.Tests.Data.Download;

public class DownloaderTests
{
    private static readonly byte[] Body = [.. Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7))];
    private static readonly PublishedFile File = new("thing.bin", Convert.ToHexStringLower(SHA256.HashData(Body)), Body.Length);

    [Fact]
    public void Fetch_WritesTheServedFileWhenItsDigestMatches()
    {
        using var server = new LocalHttpServer(new() { ["thing.bin"] = Body });
        using var dir = new TempDirectory();
        string target = Path.Combine(dir.Path, "thing.bin");

        Downloader.Default.Fetch(File, [server.BaseUri], target);

        Assert.Equal(Body, System.IO.File.ReadAllBytes(target));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Fetch_DigestMismatch_LeavesNothingAndGivesBothDigests()
    {
        byte[] tampered = [.. Body];
        tampered[1000] ^= 1;
        using var server = new LocalHttpServer(new() { ["thing.bin"] = tampered });
        using var dir = new TempDirectory();
        string target = Path.Combine(dir.Path, "thing.bin");

        var e = Assert.Throws<TheoryLabException>(() => Downloader.Default.Fetch(File, [server.BaseUri], target));

        Assert.Contains(File.Sha256, e.Message);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(tampered)), e.Message);
        Assert.Contains(new Uri(server.BaseUri, "thing.bin").ToString(), e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Fetch_DigestMismatch_KeepsTheFileAlreadyInPlace()
    {
        using var server = new LocalHttpServer(new() { ["thing.bin"] = [1, 2, 3] });
        using var dir = new TempDirectory();
        string target = dir.File("thing.bin", [9, 9]);

        Assert.Throws<TheoryLabException>(() => Downloader.Default.Fetch(File, [server.BaseUri], target));

        Assert.Equal([9, 9], System.IO.File.ReadAllBytes(target));
    }

    [Fact]
    public void Fetch_FirstMirrorMissingTheFile_FallsBackToTheNext()
    {
        using var empty = new LocalHttpServer([]);
        using var full = new LocalHttpServer(new() { ["thing.bin"] = Body });
        using var dir = new TempDirectory();
        string target = Path.Combine(dir.Path, "thing.bin");

        Downloader.Default.Fetch(File, [empty.BaseUri, full.BaseUri], target);

        Assert.Equal(1, empty.Requests);
        Assert.Equal(Body, System.IO.File.ReadAllBytes(target));
    }

    [Fact]
    public void Fetch_NothingListening_SaysNoConnectionForEachUrl()
    {
        using var dir = new TempDirectory();
        Uri offline = LocalHttpServer.Unreachable();
        using var missing = new LocalHttpServer([]);

        var e = Assert.Throws<TheoryLabException>(() => Downloader.Default.Fetch(File, [offline, missing.BaseUri], Path.Combine(dir.Path, "thing.bin")));

        Assert.Contains($"{new Uri(offline, "thing.bin")}: no connection", e.Message);
        Assert.Contains($"{new Uri(missing.BaseUri, "thing.bin")}: the server answered 404", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }
}
