using System.Text.Json;
using System.Text.Json.Nodes;

namespace NanoOmaDm.Tests.Scomo;

/// <summary>Builds DmServer scenario JSON for SCOMO tests: one package per call to <see cref="Package"/>.</summary>
public sealed class ScomoScenario
{
    private readonly JsonArray _packages = new JsonArray();
    private readonly JsonArray _alerts = new JsonArray();
    private JsonArray _current;

    public ScomoScenario(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public ScomoScenario Package()
    {
        _current = new JsonArray();
        _packages.Add(new JsonObject { ["commands"] = _current });
        return this;
    }

    public ScomoScenario AddNode(string target, params int[] status) =>
        Command(new JsonObject { ["cmd"] = "Add", ["target"] = target, ["format"] = "node" }, status);

    public ScomoScenario AddLeaf(string target, string data, params int[] status) =>
        Command(new JsonObject { ["cmd"] = "Add", ["target"] = target, ["data"] = data, ["format"] = "chr" }, status);

    public ScomoScenario ReplaceLeaf(string target, string data, params int[] status) =>
        Command(new JsonObject { ["cmd"] = "Replace", ["target"] = target, ["data"] = data, ["format"] = "chr" }, status);

    public ScomoScenario AddBinary(string target, byte[] data, params int[] status) =>
        Command(new JsonObject { ["cmd"] = "Add", ["target"] = target, ["dataBase64"] = Convert.ToBase64String(data), ["type"] = "application/octet-stream" }, status);

    public ScomoScenario ReplaceBinary(string target, byte[] data, params int[] status) =>
        Command(new JsonObject { ["cmd"] = "Replace", ["target"] = target, ["dataBase64"] = Convert.ToBase64String(data), ["type"] = "application/octet-stream" }, status);

    public ScomoScenario Delete(string target, params int[] status) =>
        Command(new JsonObject { ["cmd"] = "Delete", ["target"] = target }, status);

    public ScomoScenario Exec(string target, string correlator, params int[] status) =>
        Command(new JsonObject { ["cmd"] = "Exec", ["target"] = target, ["correlator"] = correlator }, status);

    public ScomoScenario Get(string target, string data, params int[] status)
    {
        var expect = new JsonObject { ["status"] = Statuses(status) };
        if (data != null)
        {
            expect["data"] = data;
        }
        _current.Add(new JsonObject { ["cmd"] = "Get", ["target"] = target, ["expect"] = expect });
        return this;
    }

    /// <summary>The session must carry a SCOMO OperationComplete alert from this operation with this result.</summary>
    public ScomoScenario ExpectAlert(string source, string correlator, int resultCode)
    {
        _alerts.Add(new JsonObject
        {
            ["type"] = "urn:oma:at:scomo:1.0:OperationComplete",
            ["source"] = source,
            ["correlator"] = correlator,
            ["dataContains"] = "<ResultCode>" + resultCode + "</ResultCode>",
        });
        return this;
    }

    /// <summary>The scenario of a package that Adds Download/&lt;x&gt; with PkgURL and Execs an operation on it.</summary>
    public static ScomoScenario AlternateDelivery(string entry, string url, string operation, string correlator, int execStatus = 202) =>
        new ScomoScenario("alternate " + operation).Package()
            .AddNode("./SCOMO/Download/" + entry, 200)
            .AddLeaf("./SCOMO/Download/" + entry + "/PkgID", entry + "-id", 200)
            .AddLeaf("./SCOMO/Download/" + entry + "/Name", entry, 200)
            .AddLeaf("./SCOMO/Download/" + entry + "/PkgURL", url, 200)
            .Exec("./SCOMO/Download/" + entry + "/Operations/" + operation, correlator, execStatus);

    /// <summary>The scenario of a package that Adds Delivered/&lt;x&gt; with Data and Execs Install(Inactive).</summary>
    public static ScomoScenario DirectDelivery(string entry, byte[] package, string operation, string correlator, int execStatus = 202) =>
        new ScomoScenario("direct " + operation).Package()
            .AddNode("./SCOMO/Inventory/Delivered/" + entry, 200)
            .AddLeaf("./SCOMO/Inventory/Delivered/" + entry + "/PkgID", entry + "-id", 200)
            .AddBinary("./SCOMO/Inventory/Delivered/" + entry + "/Data", package, 200)
            .Exec("./SCOMO/Inventory/Delivered/" + entry + "/Operations/" + operation, correlator, execStatus);

    public string ToJson() => new JsonObject
    {
        ["name"] = Name,
        ["packages"] = JsonNode.Parse(_packages.ToJsonString()),
        ["expectGenericAlerts"] = JsonNode.Parse(_alerts.ToJsonString()),
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private ScomoScenario Command(JsonObject command, int[] status)
    {
        if (status.Length > 0)
        {
            command["expect"] = new JsonObject { ["status"] = Statuses(status) };
        }
        _current.Add(command);
        return this;
    }

    private static JsonNode Statuses(int[] status) =>
        status.Length == 1 ? JsonValue.Create(status[0]) : new JsonArray(status.Select(s => (JsonNode)JsonValue.Create(s)).ToArray());
}
