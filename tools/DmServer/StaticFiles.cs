using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;

namespace NanoOmaDm.DmServer;

/// <summary>Serves the files under <see cref="DmServerOptions.FilesDirectory"/> at /files/&lt;name&gt; (GET/HEAD, HTTP
/// Range), so that a demo can download a package from the same server that sends the DM commands.</summary>
internal sealed class StaticFiles
{
    public const string PathPrefix = "/files/";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new FileExtensionContentTypeProvider();
    private readonly string root;
    private readonly int bytesPerSecond;

    public StaticFiles(string directory, int bytesPerSecond = 0)
    {
        this.bytesPerSecond = bytesPerSecond;
        root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException("files directory not found: " + root);
        }
    }

    /// <summary>Answers a request whose path starts with <see cref="PathPrefix"/>.</summary>
    public Task Serve(HttpContext ctx)
    {
        if (!HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsHead(ctx.Request.Method))
        {
            ctx.Response.Headers["Allow"] = "GET, HEAD";
            return Results.StatusCode(405).ExecuteAsync(ctx);
        }

        var file = Resolve(ctx.Request.Path.Value.Substring(PathPrefix.Length));
        if (file == null)
        {
            return Results.NotFound().ExecuteAsync(ctx);
        }

        if (!ContentTypes.TryGetContentType(file, out var type))
        {
            type = "application/octet-stream";
        }

        if (bytesPerSecond > 0)
        {
            ctx.Response.Body = new ThrottledStream(ctx.Response.Body, bytesPerSecond);
        }

        return Results.File(file, type, enableRangeProcessing: true).ExecuteAsync(ctx);
    }

    /// <summary>Full path of an existing file below the root, or null (also for any attempt to leave the root).</summary>
    private string Resolve(string relative)
    {
        if (string.IsNullOrEmpty(relative))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(root, relative));
        var inside = full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return inside && File.Exists(full) ? full : null;
    }
}
