using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NanoOmaDm.FaultServer;

/// <summary>A private nginx on 127.0.0.1 serving one directory: its own config, pid, logs and temp paths in a temp
/// prefix, <c>daemon off</c> and <c>master_process off</c> as a child process (a single process, so it also works as
/// root without a worker user), stopped by <see cref="Dispose"/>.</summary>
public sealed class NginxServer : IDisposable
{
    private readonly Process process;
    private readonly string prefix;

    private NginxServer(Process process, string prefix, int port)
    {
        this.process = process;
        this.prefix = prefix;
        Port = port;
        BaseUrl = "http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>http://127.0.0.1:PORT (the root directory is served at /).</summary>
    public string BaseUrl { get; }

    public int Port { get; }

    public string ErrorLogPath => Path.Combine(prefix, "error.log");

    /// <summary>The nginx binary (PATH, then /usr/sbin/nginx), or null.</summary>
    public static string FindExecutable()
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Append("/usr/sbin").Append("/usr/local/sbin"))
        {
            if (dir.Length == 0)
            {
                continue;
            }

            string candidate = Path.Combine(dir, "nginx");
            if (System.IO.File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Starts nginx serving <paramref name="rootDirectory"/>; throws <see cref="InvalidOperationException"/>
    /// with the reason (nginx missing, failed to start) when it cannot.</summary>
    public static NginxServer Start(string rootDirectory)
    {
        string exe = FindExecutable() ?? throw new InvalidOperationException(
            "nginx is not installed (looked on PATH and in /usr/sbin): install it, e.g. 'apt-get install nginx' (.ci/run does)");
        string prefix = Directory.CreateTempSubdirectory("nanoomadm-nginx-").FullName;
        int port = FreePort();
        string conf = Path.Combine(prefix, "nginx.conf");
        System.IO.File.WriteAllText(conf, Config(prefix, Path.GetFullPath(rootDirectory), port));

        var start = new ProcessStartInfo(exe)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "-c", conf, "-p", prefix + "/", "-e", Path.Combine(prefix, "error.log") })
        {
            start.ArgumentList.Add(arg);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + exe);
        var server = new NginxServer(process, prefix, port);
        try
        {
            server.WaitUntilListening(TimeSpan.FromSeconds(10));
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
        try
        {
            Directory.Delete(prefix, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void WaitUntilListening(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("nginx exited with " + process.ExitCode + ": " + process.StandardError.ReadToEnd().Trim() + " " + ReadErrorLog());
            }

            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new InvalidOperationException("nginx did not listen on port " + Port + " within " + limit.TotalSeconds + " s: " + ReadErrorLog());
    }

    private string ReadErrorLog()
    {
        try
        {
            return System.IO.File.ReadAllText(ErrorLogPath).Trim();
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string Config(string prefix, string root, int port)
    {
        string P(string name) => Path.Combine(prefix, name);
        return string.Join('\n',
            "daemon off;",
            "master_process off;",
            "worker_processes 1;",
            "pid " + P("nginx.pid") + ";",
            "error_log " + P("error.log") + " warn;",
            "events { worker_connections 128; }",
            "http {",
            "  access_log " + P("access.log") + ";",
            "  client_body_temp_path " + P("client_body") + ";",
            "  proxy_temp_path " + P("proxy") + ";",
            "  fastcgi_temp_path " + P("fastcgi") + ";",
            "  uwsgi_temp_path " + P("uwsgi") + ";",
            "  scgi_temp_path " + P("scgi") + ";",
            "  default_type application/octet-stream;",
            "  sendfile on;",
            "  keepalive_timeout 60;",
            "  server {",
            "    listen 127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + ";",
            "    root " + root + ";",
            "  }",
            "}",
            string.Empty);
    }
}
