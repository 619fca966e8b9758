namespace NanoOmaDm.DmServer;

/// <summary>Authentication schemes of OMA DM 1.2 that the server can require from the client or use towards it.</summary>
public enum AuthScheme
{
    /// <summary>No authentication.</summary>
    None,
    /// <summary>syncml:auth-basic: Cred Data = b64("user:password").</summary>
    Basic,
    /// <summary>syncml:auth-md5: Cred Data = B64(MD5(B64(MD5("user:password")) + ":" + nonce)), user in SyncHdr Source LocName.</summary>
    Md5,
    /// <summary>syncml:auth-MAC: transport header x-syncml-hmac on every message (MD5 over the body, see <see cref="DmAuth.ComputeHmacMac"/>).</summary>
    Hmac,
}

/// <summary>Configuration of a <see cref="DmServerHost"/>. All members have usable defaults.</summary>
public sealed class DmServerOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free port (read it back from <see cref="DmServerHost.Url"/>).</summary>
    public int Port { get; set; }

    /// <summary>The server's identity: Source LocURI of the server SyncHdr (unless <see cref="SourceLocUri"/> is set),
    /// user name of the server credential and the server id of Pkg#0.</summary>
    public string ServerId { get; set; } = "nanoOmaDm-demo";

    /// <summary>Secret the server uses to authenticate itself to the client (server Cred, x-syncml-hmac response header, Pkg#0 digest).</summary>
    public string ServerPassword { get; set; } = "server-secret";

    /// <summary>Overrides the Source LocURI of the server SyncHdr (default: <see cref="ServerId"/>).</summary>
    public string SourceLocUri { get; set; }

    /// <summary>Accepted client accounts: user name → password.</summary>
    public Dictionary<string, string> Users { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Convenience for a single client account (merged into <see cref="Users"/>).</summary>
    public string UserName { get; set; }

    /// <summary>Password of <see cref="UserName"/>.</summary>
    public string Password { get; set; }

    /// <summary>Authentication the client must pass before the server sends Pkg#2.</summary>
    public AuthScheme RequiredAuth { get; set; } = AuthScheme.None;

    /// <summary>Md5/Hmac: after a successful authentication send a fresh NextNonce (Chal in the 212/200 status) that the
    /// client must use next time. Hmac always rotates per message. Default on.</summary>
    public bool RotateNonceOnSuccess { get; set; } = true;

    /// <summary>Nonce the server expects in the first md5/hmac credential of a device it has never issued a nonce to.
    /// null (default): such a credential is answered 401 + Chal with a fresh nonce (one extra round trip).</summary>
    public byte[] InitialClientNonce { get; set; }

    /// <summary>Send the server's own credential to the client (Cred in the SyncHdr for basic/md5, x-syncml-hmac response header for hmac).</summary>
    public bool AuthenticateToClient { get; set; }

    /// <summary>Scheme of the server credential. null: same as <see cref="RequiredAuth"/>, or Md5 when that is None.</summary>
    public AuthScheme? ServerAuth { get; set; }

    /// <summary>Nonce used for the server credential (and the Pkg#0 digest) until the client sends one in a Chal.
    /// Default: 16 zero bytes.</summary>
    public byte[] InitialServerNonce { get; set; } = new byte[16];

    /// <summary>Always send a wrong server credential (computed with a wrong password). Test aid.</summary>
    public bool SendWrongServerCredential { get; set; }

    /// <summary>Server's MaxMsgSize, sent in its SyncHdr Meta. A client message bigger than this is answered HTTP 413 and
    /// the session is aborted with a report entry. 0 = not advertised, not enforced.</summary>
    public int MaxMsgSize { get; set; }

    /// <summary>Server's MaxObjSize, sent in its SyncHdr Meta. A large object from the client whose Meta Size exceeds it
    /// is refused (413). 0 = not advertised, not enforced.</summary>
    public int MaxObjSize { get; set; }

    /// <summary>Send RespURI (…/dm?s=token) in every reply; later client messages must be posted there.</summary>
    public bool UseRespUri { get; set; }

    /// <summary>Challenges (401/407) allowed in one session before the server gives up and aborts it.</summary>
    public int MaxAuthAttempts { get; set; } = 3;

    /// <summary>A session that receives no message for this long is aborted (report: idle timeout). Zero or negative: never.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Scenario used for new sessions until <see cref="DmServerHost.SetScenario"/> replaces it. null = empty scenario
    /// (the server ends each session right after Pkg#1).</summary>
    public Scenario Scenario { get; set; }

    /// <summary>Directory whose files are served at /files/&lt;name&gt; (GET/HEAD with HTTP Range support; see
    /// <see cref="DmServerHost.FilesUrl"/>). null = no file serving.</summary>
    public string FilesDirectory { get; set; }

    /// <summary>Sends /files/ bodies at most this fast (bytes per second; 0 = as fast as possible), so that a test or a
    /// demo can watch, suspend or interrupt a download.</summary>
    public int FilesBytesPerSecond { get; set; }

    /// <summary>In WBXML sessions, binary item data (scenario `dataBase64`/`dataFile`, Format b64) goes out as OPAQUE
    /// bytes with Format bin, as WBXML servers send it, chunk by chunk for large objects; false keeps base64 text.</summary>
    public bool WbxmlBinaryAsOpaque { get; set; } = true;

    /// <summary>Progress log (one line per message and event). null = silent.</summary>
    public TextWriter Log { get; set; }

    /// <summary>Also write every message body to <see cref="Log"/>.</summary>
    public bool LogMessages { get; set; }

    internal Dictionary<string, string> EffectiveUsers()
    {
        var users = new Dictionary<string, string>(Users ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(UserName))
        {
            users[UserName] = Password ?? string.Empty;
        }

        return users;
    }

    internal AuthScheme EffectiveServerAuth()
    {
        if (ServerAuth.HasValue && ServerAuth.Value != AuthScheme.None)
        {
            return ServerAuth.Value;
        }

        return RequiredAuth == AuthScheme.None ? AuthScheme.Md5 : RequiredAuth;
    }
}
