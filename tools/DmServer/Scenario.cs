using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NanoOmaDm.DmServer;

/// <summary>What the server does in a session after Pkg#1: a list of packages, each sent (possibly over several
/// messages) and answered by the client before the next one. See tools/DmServer/README.md for the JSON format.</summary>
public sealed class Scenario
{
    /// <summary>Name shown in reports.</summary>
    public string Name { get; set; } = "unnamed";

    /// <summary>Server packages (Pkg#2, Pkg#4, …) in order.</summary>
    public List<ScenarioPackage> Packages { get; set; } = new List<ScenarioPackage>();

    /// <summary>Generic alerts (1226) the client must send during the session (any package, any order); each entry
    /// must be matched by at least one received alert.</summary>
    public List<GenericAlertExpectation> ExpectGenericAlerts { get; set; } = new List<GenericAlertExpectation>();

    /// <summary>A scenario with no packages: the server ends the session right after Pkg#1.</summary>
    public static Scenario Empty => new Scenario { Name = "empty" };

    /// <summary>Parses the JSON scenario format. Throws <see cref="FormatException"/> with the JSON path on errors.
    /// Relative <c>dataFile</c> paths are resolved against the current directory.</summary>
    public static Scenario Parse(string json)
    {
        return Parse(json, null);
    }

    /// <summary>Parses the JSON scenario format; relative <c>dataFile</c> paths are resolved against
    /// <paramref name="baseDirectory"/> (null: the current directory).</summary>
    public static Scenario Parse(string json, string baseDirectory)
    {
        JsonNode root;
        try
        {
            root = JsonNode.Parse(
                json,
                new JsonNodeOptions { PropertyNameCaseInsensitive = true },
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new FormatException("scenario: invalid JSON: " + ex.Message, ex);
        }

        var obj = root as JsonObject ?? throw new FormatException("scenario: the root must be a JSON object");
        Json.Allow(obj, "$", "name", "packages", "expectGenericAlerts", "description");
        var s = new Scenario { Name = Json.Str(obj, "name", "$") ?? "unnamed" };
        var packages = Json.Arr(obj, "packages", "$");
        if (packages != null)
        {
            for (var i = 0; i < packages.Count; i++)
            {
                s.Packages.Add(ScenarioPackage.FromJson(packages[i], "$.packages[" + i + "]", baseDirectory));
            }
        }

        var gas = Json.Arr(obj, "expectGenericAlerts", "$");
        if (gas != null)
        {
            for (var i = 0; i < gas.Count; i++)
            {
                s.ExpectGenericAlerts.Add(GenericAlertExpectation.FromJson(gas[i], "$.expectGenericAlerts[" + i + "]"));
            }
        }

        return s;
    }
}

/// <summary>One server package: either commands, or a fault to inject (raw body / HTTP status).</summary>
public sealed class ScenarioPackage
{
    /// <summary>Management commands and UI alerts; CmdIDs are assigned by the server.</summary>
    public List<ScenarioCommand> Commands { get; set; } = new List<ScenarioCommand>();

    /// <summary>Send this text verbatim as the HTTP body instead of a generated message. Placeholders {{SessionID}},
    /// {{MsgID}}, {{ClientMsgID}}, {{DeviceId}}, {{ServerId}} are substituted.</summary>
    public string RawBody { get; set; }

    /// <summary>Raw body given as base64 (binary garbage); sent verbatim.</summary>
    public byte[] RawBodyBytes { get; set; }

    /// <summary>Answer with this HTTP status (e.g. 500, 503) instead of a DM message (body empty unless RawBody is set).</summary>
    public int? HttpStatus { get; set; }

    /// <summary>Delay before the response that starts this package is sent.</summary>
    public int DelayMs { get; set; }

    /// <summary>Send a wrong server credential with this package's first transmission.</summary>
    public bool WrongServerCredential { get; set; }

    /// <summary>Put all commands into one message even if it exceeds the client's MaxMsgSize (oversize test).</summary>
    public bool IgnoreMaxMsgSize { get; set; }

    /// <summary>Pad the (single) message of this package with an XML comment to at least this many bytes.</summary>
    public int PadTo { get; set; }

    /// <summary>True when this package injects a fault rather than sending commands.</summary>
    public bool IsFault => RawBody != null || RawBodyBytes != null || HttpStatus.HasValue;

    internal static ScenarioPackage FromJson(JsonNode node, string path, string baseDirectory)
    {
        var obj = node as JsonObject ?? throw new FormatException(path + ": a package must be an object");
        Json.Allow(obj, path, "commands", "rawBody", "rawBodyBase64", "httpStatus", "delayMs", "wrongServerCredential", "ignoreMaxMsgSize", "padTo", "name", "description");
        var p = new ScenarioPackage
        {
            RawBody = Json.Str(obj, "rawBody", path),
            HttpStatus = Json.Int(obj, "httpStatus", path),
            DelayMs = Json.Int(obj, "delayMs", path) ?? 0,
            WrongServerCredential = Json.Bool(obj, "wrongServerCredential", path) ?? false,
            IgnoreMaxMsgSize = Json.Bool(obj, "ignoreMaxMsgSize", path) ?? false,
            PadTo = Json.Int(obj, "padTo", path) ?? 0,
        };
        var b64 = Json.Str(obj, "rawBodyBase64", path);
        if (b64 != null)
        {
            p.RawBodyBytes = SyncMl.TryDecodeBase64(b64) ?? throw new FormatException(path + ".rawBodyBase64: not valid base64");
        }

        var cmds = Json.Arr(obj, "commands", path);
        if (cmds != null)
        {
            for (var i = 0; i < cmds.Count; i++)
            {
                p.Commands.Add(ScenarioCommand.FromJson(cmds[i], path + ".commands[" + i + "]", baseDirectory));
            }
        }

        if (!p.IsFault && p.Commands.Count == 0)
        {
            throw new FormatException(path + ": a package needs commands, rawBody, rawBodyBase64 or httpStatus");
        }

        return p;
    }
}

/// <summary>A server command of a scenario.</summary>
public sealed class ScenarioCommand
{
    /// <summary>Commands a scenario may use.</summary>
    public static readonly string[] Known = { "Get", "Replace", "Add", "Delete", "Exec", "Copy", "Atomic", "Sequence", "Alert" };

    /// <summary>Get, Replace, Add, Delete, Exec, Copy, Atomic, Sequence or Alert.</summary>
    public string Cmd { get; set; }

    /// <summary>Item Target LocURI (may carry ?list=… or ?prop=…).</summary>
    public string Target { get; set; }

    /// <summary>Item Source LocURI (Copy).</summary>
    public string Source { get; set; }

    /// <summary>Item Data as transported (b64 text for Format b64). For Alert: the alert code.</summary>
    public string Data { get; set; }

    /// <summary>Generate deterministic data of this size instead of <see cref="Data"/> (decoded bytes for b64, characters for chr).</summary>
    public int? DataSize { get; set; }

    /// <summary>Seed of the generated data (<see cref="DataPattern"/>).</summary>
    public int DataSeed { get; set; } = 1;

    /// <summary>Binary item data (JSON <c>dataBase64</c> / <c>dataFile</c>): sent base64-encoded with Meta Format b64,
    /// as a large object when it does not fit a message. Takes the place of <see cref="Data"/>.</summary>
    public byte[] BinaryData { get; set; }

    /// <summary>Meta Format (chr, b64, node, int, bool, xml …).</summary>
    public string Format { get; set; }

    /// <summary>Meta Type (MIME type or MO id).</summary>
    public string Type { get; set; }

    /// <summary>Exec/Alert Correlator.</summary>
    public string Correlator { get; set; }

    /// <summary>Alert items (each becomes Item/Data; empty string → empty Item).</summary>
    public List<string> Items { get; set; } = new List<string>();

    /// <summary>Children of Atomic/Sequence.</summary>
    public List<ScenarioCommand> Commands { get; set; } = new List<ScenarioCommand>();

    /// <summary>What the client must answer; null = only record.</summary>
    public Expectation Expect { get; set; }

    /// <summary>Data as it goes on the wire (base64 of <see cref="BinaryData"/>, generated when <see cref="DataSize"/> is set).</summary>
    public string TransportData()
    {
        if (BinaryData != null)
        {
            return Convert.ToBase64String(BinaryData);
        }

        if (DataSize.HasValue)
        {
            return DataPattern.Transported(DataSize.Value, DataSeed, EffectiveFormat());
        }

        return Data;
    }

    /// <summary>Format actually sent (b64 for binary data and by default for generated data).</summary>
    public string EffectiveFormat()
    {
        if (BinaryData != null)
        {
            return "b64";
        }

        if (Format != null)
        {
            return Format;
        }

        return DataSize.HasValue ? "b64" : null;
    }

    internal static ScenarioCommand FromJson(JsonNode node, string path, string baseDirectory)
    {
        var obj = node as JsonObject ?? throw new FormatException(path + ": a command must be an object");
        Json.Allow(obj, path, "cmd", "target", "source", "data", "dataSize", "dataSeed", "dataBase64", "dataFile", "format", "type", "correlator", "items", "commands", "expect", "name", "description");
        var c = new ScenarioCommand
        {
            Cmd = Json.Str(obj, "cmd", path) ?? throw new FormatException(path + ".cmd: missing"),
            Target = Json.Str(obj, "target", path),
            Source = Json.Str(obj, "source", path),
            Data = Json.Str(obj, "data", path),
            DataSize = Json.Int(obj, "dataSize", path),
            DataSeed = Json.Int(obj, "dataSeed", path) ?? 1,
            Format = Json.Str(obj, "format", path),
            Type = Json.Str(obj, "type", path),
            Correlator = Json.Str(obj, "correlator", path),
            BinaryData = BinaryFromJson(obj, path, baseDirectory),
        };
        var known = Known.FirstOrDefault(k => k.Equals(c.Cmd, StringComparison.OrdinalIgnoreCase));
        c.Cmd = known ?? throw new FormatException(path + ".cmd: unknown command '" + c.Cmd + "' (known: " + string.Join(", ", Known) + ")");
        var items = Json.Arr(obj, "items", path);
        if (items != null)
        {
            foreach (var it in items)
            {
                c.Items.Add(it == null ? string.Empty : Json.AsString(it, path + ".items"));
            }
        }

        var cmds = Json.Arr(obj, "commands", path);
        if (cmds != null)
        {
            for (var i = 0; i < cmds.Count; i++)
            {
                c.Commands.Add(FromJson(cmds[i], path + ".commands[" + i + "]", baseDirectory));
            }
        }

        if (obj.TryGetPropertyValue("expect", out var e) && e != null)
        {
            c.Expect = Expectation.FromJson(e, path + ".expect");
        }

        switch (c.Cmd)
        {
            case "Atomic":
            case "Sequence":
                if (c.Commands.Count == 0)
                {
                    throw new FormatException(path + ": " + c.Cmd + " needs commands");
                }

                break;
            case "Alert":
                if (string.IsNullOrEmpty(c.Data))
                {
                    throw new FormatException(path + ": Alert needs data (the alert code, e.g. 1100)");
                }

                break;
            case "Copy":
                if (c.Target == null || c.Source == null)
                {
                    throw new FormatException(path + ": Copy needs target and source");
                }

                break;
            default:
                if (c.Target == null)
                {
                    throw new FormatException(path + ": " + c.Cmd + " needs a target");
                }

                break;
        }

        var sources = (c.Data != null ? 1 : 0) + (c.DataSize.HasValue ? 1 : 0) + (c.BinaryData != null ? 1 : 0);
        if (sources > 1)
        {
            throw new FormatException(path + ": give only one of data, dataSize, dataBase64, dataFile");
        }

        if (c.BinaryData != null && (c.Cmd == "Alert" || c.Cmd == "Atomic" || c.Cmd == "Sequence"))
        {
            throw new FormatException(path + ": " + c.Cmd + " cannot carry binary data");
        }

        if (c.BinaryData != null && c.Format != null && c.Format != "b64")
        {
            throw new FormatException(path + ": binary data is always sent with format b64, not '" + c.Format + "'");
        }

        return c;
    }

    private static byte[] BinaryFromJson(JsonObject obj, string path, string baseDirectory)
    {
        var b64 = Json.Str(obj, "dataBase64", path);
        var file = Json.Str(obj, "dataFile", path);
        if (b64 != null && file != null)
        {
            throw new FormatException(path + ": give either dataBase64 or dataFile, not both");
        }

        if (b64 != null)
        {
            return SyncMl.TryDecodeBase64(b64) ?? throw new FormatException(path + ".dataBase64: not valid base64");
        }

        if (file == null)
        {
            return null;
        }

        var full = Path.GetFullPath(file, baseDirectory ?? Directory.GetCurrentDirectory());
        try
        {
            return File.ReadAllBytes(full);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw new FormatException(path + ".dataFile: cannot read '" + full + "': " + ex.Message, ex);
        }
    }
}

/// <summary>Expected answer to a command.</summary>
public sealed class Expectation
{
    /// <summary>Acceptable status codes (empty = any).</summary>
    public List<int> Status { get; set; } = new List<int>();

    /// <summary>Expected data: for Get the Results data (b64 results are compared decoded), for Alert the Status Item data
    /// (text input / choices).</summary>
    public string Data { get; set; }

    /// <summary>Results data must contain this text.</summary>
    public string DataContains { get; set; }

    /// <summary>Results data must equal the <see cref="DataPattern"/> of this size (decoded bytes for b64 results).</summary>
    public int? DataSize { get; set; }

    /// <summary>Seed for <see cref="DataSize"/>.</summary>
    public int DataSeed { get; set; } = 1;

    /// <summary>Acceptable statuses of the Atomic/Sequence children, in order (an empty list = any).</summary>
    public List<List<int>> Children { get; set; } = new List<List<int>>();

    internal static Expectation FromJson(JsonNode node, string path)
    {
        var obj = node as JsonObject ?? throw new FormatException(path + ": expect must be an object");
        Json.Allow(obj, path, "status", "data", "dataContains", "dataSize", "dataSeed", "children");
        var e = new Expectation
        {
            Data = Json.Str(obj, "data", path),
            DataContains = Json.Str(obj, "dataContains", path),
            DataSize = Json.Int(obj, "dataSize", path),
            DataSeed = Json.Int(obj, "dataSeed", path) ?? 1,
        };
        if (obj.TryGetPropertyValue("status", out var st) && st != null)
        {
            e.Status = Json.Codes(st, path + ".status");
        }

        var ch = Json.Arr(obj, "children", path);
        if (ch != null)
        {
            for (var i = 0; i < ch.Count; i++)
            {
                e.Children.Add(ch[i] == null ? new List<int>() : Json.Codes(ch[i], path + ".children[" + i + "]"));
            }
        }

        return e;
    }
}

/// <summary>Matcher for a generic alert the scenario expects; null fields match anything.</summary>
public sealed class GenericAlertExpectation
{
    /// <summary>Item Meta Type.</summary>
    public string Type { get; set; }

    /// <summary>Item Source LocURI.</summary>
    public string Source { get; set; }

    /// <summary>Alert Correlator.</summary>
    public string Correlator { get; set; }

    /// <summary>Item Data (exact).</summary>
    public string Data { get; set; }

    /// <summary>Item Data must contain this text (e.g. <c>&lt;ResultCode&gt;1200&lt;/ResultCode&gt;</c> of a SCOMO alert).</summary>
    public string DataContains { get; set; }

    /// <summary>Item Meta Mark.</summary>
    public string Mark { get; set; }

    /// <summary>True when the record satisfies every given field.</summary>
    public bool Matches(GenericAlertRecord r)
    {
        return (Type == null || Type == r.Type)
            && (Source == null || SyncMl.NormalizeUri(Source) == SyncMl.NormalizeUri(r.Source))
            && (Correlator == null || Correlator == r.Correlator)
            && (Data == null || Data == r.Data)
            && (DataContains == null || (r.Data != null && r.Data.Contains(DataContains, StringComparison.Ordinal)))
            && (Mark == null || string.Equals(Mark, r.Mark, StringComparison.OrdinalIgnoreCase));
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string>();
        if (Type != null)
        {
            parts.Add("type=" + Type);
        }

        if (Source != null)
        {
            parts.Add("source=" + Source);
        }

        if (Correlator != null)
        {
            parts.Add("correlator=" + Correlator);
        }

        if (Data != null)
        {
            parts.Add("data=" + Data);
        }

        if (DataContains != null)
        {
            parts.Add("data containing " + DataContains);
        }

        if (Mark != null)
        {
            parts.Add("mark=" + Mark);
        }

        return parts.Count == 0 ? "any generic alert" : "generic alert " + string.Join(", ", parts);
    }

    internal static GenericAlertExpectation FromJson(JsonNode node, string path)
    {
        var obj = node as JsonObject ?? throw new FormatException(path + ": must be an object");
        Json.Allow(obj, path, "type", "source", "correlator", "data", "dataContains", "mark");
        return new GenericAlertExpectation
        {
            Type = Json.Str(obj, "type", path),
            Source = Json.Str(obj, "source", path),
            Correlator = Json.Str(obj, "correlator", path),
            Data = Json.Str(obj, "data", path),
            DataContains = Json.Str(obj, "dataContains", path),
            Mark = Json.Str(obj, "mark", path),
        };
    }
}

/// <summary>Deterministic test data: a seeded LCG byte stream (b64 transport) or characters from [A-Za-z0-9] (chr).</summary>
public static class DataPattern
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>size pseudo-random bytes for seed.</summary>
    public static byte[] Bytes(int size, int seed)
    {
        var b = new byte[size];
        var x = unchecked((uint)seed * 2654435761u + 12345u);
        for (var i = 0; i < size; i++)
        {
            x = unchecked(x * 1664525u + 1013904223u);
            b[i] = (byte)(x >> 24);
        }

        return b;
    }

    /// <summary>size characters from [A-Za-z0-9] for seed.</summary>
    public static string Chars(int size, int seed)
    {
        var bytes = Bytes(size, seed);
        var sb = new StringBuilder(size);
        foreach (var v in bytes)
        {
            sb.Append(Alphabet[v % Alphabet.Length]);
        }

        return sb.ToString();
    }

    /// <summary>Transport form: b64 of <see cref="Bytes"/> for Format b64/bin (and when no format is given), else <see cref="Chars"/>.</summary>
    public static string Transported(int size, int seed, string format)
    {
        if (format == null || format == "b64" || format == "bin")
        {
            return Convert.ToBase64String(Bytes(size, seed));
        }

        return Chars(size, seed);
    }
}

internal static class Json
{
    public static void Allow(JsonObject obj, string path, params string[] names)
    {
        foreach (var kv in obj)
        {
            if (!names.Any(n => n.Equals(kv.Key, StringComparison.OrdinalIgnoreCase)))
            {
                throw new FormatException(path + ": unknown property '" + kv.Key + "' (allowed: " + string.Join(", ", names) + ")");
            }
        }
    }

    public static string Str(JsonObject obj, string name, string path)
    {
        if (!obj.TryGetPropertyValue(name, out var n) || n == null)
        {
            return null;
        }

        return AsString(n, path + "." + name);
    }

    public static string AsString(JsonNode n, string path)
    {
        if (n is JsonValue v)
        {
            if (v.TryGetValue<string>(out var s))
            {
                return s;
            }

            // numbers and booleans are accepted where text is expected ("data": 1100)
            return v.ToJsonString();
        }

        throw new FormatException(path + ": expected a string");
    }

    public static int? Int(JsonObject obj, string name, string path)
    {
        if (!obj.TryGetPropertyValue(name, out var n) || n == null)
        {
            return null;
        }

        if (n is JsonValue v)
        {
            if (v.TryGetValue<int>(out var i))
            {
                return i;
            }

            if (v.TryGetValue<string>(out var s) && int.TryParse(s, out i))
            {
                return i;
            }
        }

        throw new FormatException(path + "." + name + ": expected an integer");
    }

    public static bool? Bool(JsonObject obj, string name, string path)
    {
        if (!obj.TryGetPropertyValue(name, out var n) || n == null)
        {
            return null;
        }

        if (n is JsonValue v && v.TryGetValue<bool>(out var b))
        {
            return b;
        }

        throw new FormatException(path + "." + name + ": expected true or false");
    }

    public static JsonArray Arr(JsonObject obj, string name, string path)
    {
        if (!obj.TryGetPropertyValue(name, out var n) || n == null)
        {
            return null;
        }

        return n as JsonArray ?? throw new FormatException(path + "." + name + ": expected an array");
    }

    public static List<int> Codes(JsonNode n, string path)
    {
        var r = new List<int>();
        if (n is JsonArray a)
        {
            foreach (var x in a)
            {
                r.Add(Code(x, path));
            }
        }
        else
        {
            r.Add(Code(n, path));
        }

        return r;
    }

    private static int Code(JsonNode n, string path)
    {
        if (n is JsonValue v)
        {
            if (v.TryGetValue<int>(out var i))
            {
                return i;
            }

            if (v.TryGetValue<string>(out var s) && int.TryParse(s, out i))
            {
                return i;
            }
        }

        throw new FormatException(path + ": expected a status code or a list of status codes");
    }
}
