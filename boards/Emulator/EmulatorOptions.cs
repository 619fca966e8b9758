namespace NanoOmaDm.Emulator;

/// <summary>The emulator's command line, parsed.</summary>
public sealed class EmulatorOptions
{
    /// <summary>DM server URL; null runs the demo against the bundled server.</summary>
    public string ServerUrl { get; set; }

    public string ServerId { get; set; }

    /// <summary>Client user name toward the server (null: the device id).</summary>
    public string User { get; set; }

    public string Password { get; set; }

    public string ServerPassword { get; set; }

    /// <summary>basic, md5 or hmac.</summary>
    public string Auth { get; set; } = "md5";

    public string DeviceId { get; set; }

    public string StateDir { get; set; }

    public bool Once { get; set; }

    /// <summary>UDP port for Pkg#0 on 127.0.0.1; null: no listener.</summary>
    public int? NotifyPort { get; set; }

    public bool Verbose { get; set; }

    public List<UiAnswer> UiAnswers { get; set; } = new List<UiAnswer>();

    public bool UiConsole { get; set; }

    /// <summary>Overrides AgentConfig.MaxMsgSize; null: the agent's default.</summary>
    public int? MaxMsgSize { get; set; }

    /// <summary>Where the technician's console runs with --server (not --once): stdio, pty or none; null: stdio.</summary>
    public string ConsoleMode { get; set; }

    /// <summary>Factory PIN of the console (null: <see cref="DefaultConsolePin"/>).</summary>
    public string ConsolePin { get; set; }

    /// <summary>The emulator's factory PIN when --console-pin is not given; a board gets its own from its configuration.</summary>
    /// <summary>--trusted-key values: ID=FILE.</summary>
    public List<string> TrustedKeyFiles { get; set; } = new List<string>();

    /// <summary>--key-authority: null = the server id, "none" = no server.</summary>
    public string KeyAuthority { get; set; }

    public const string DefaultConsolePin = "0000";

    public const string DefaultServerId = "nanoOmaDm-demo";

    /// <summary>Password of the demo (both sides know it), when none is given.</summary>
    public const string DemoPassword = "demo-secret";

    /// <summary>Server password of the demo, when none is given.</summary>
    public const string DemoServerPassword = "demo-server-secret";

    /// <summary>The client user name: --user, else the device id. A Basic credential is b64("user:password"), so its user
    /// name cannot contain ':'; with basic auth the default replaces ':' by '_' (IMEI:35... → IMEI_35...).</summary>
    public string EffectiveUser(string deviceId)
    {
        if (User != null)
        {
            return User;
        }

        return string.Equals(Auth, "basic", StringComparison.OrdinalIgnoreCase) ? deviceId.Replace(':', '_') : deviceId;
    }

    /// <summary>AAuthPref value for the agent's account.</summary>
    public static string AuthPref(string auth)
    {
        switch ((auth ?? "md5").ToLowerInvariant())
        {
            case "basic": return "BASIC";
            case "hmac": return "HMAC";
            default: return "DIGEST";
        }
    }
}
