using System.Net;
using System.Net.Sockets;

namespace TheoryLab.Tests.Data.Download;

/// <summary>
/// An HTTP server on 127.0.0.1 that serves the files it is given (404 for anything else) and counts requests,
/// so downloads are tested without a network.
/// </summary>
public sealed class LocalHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, byte[]> _files;
    private readonly Thread _thread;
    private int _requests;

    public LocalHttpServer(Dictionary<string, byte[]> files)
    {
        _files = files;
        int port = FreePort();
        BaseUri = new($"http://127.0.0.1:{port}/data/");
        _listener.Prefixes.Add(BaseUri.ToString());
        _listener.Start();
        _thread = new(Serve) { IsBackground = true };
        _thread.Start();
    }

    public Uri BaseUri { get; }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>A base URL on which nothing listens: what an offline machine sees.</summary>
    public static Uri Unreachable() => new($"http://127.0.0.1:{FreePort()}/data/");

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private void Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = _listener.GetContext();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            Interlocked.Increment(ref _requests);
            string name = Path.GetFileName(context.Request.Url!.AbsolutePath);
            if (_files.TryGetValue(name, out var body))
            {
                context.Response.StatusCode = 200;
                context.Response.ContentLength64 = body.Length;
                context.Response.OutputStream.Write(body);
            }
            else
            {
                context.Response.StatusCode = 404;
            }
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _thread.Join(TimeSpan.FromSeconds(5));
    }
}
