using NanoOmaDm.DmServer;
using NanoOmaDm.PackageTool;
using Xunit;
using Xunit.Abstractions;

namespace NanoOmaDm.Tests.Scomo;

/// <summary>Trusted package signing keys live in ./SCOMO/Ext/TrustedKeys; only the key authority server may change them.</summary>
public sealed class ScomoKeyTests : IDisposable
{
    private const string Keys = "./SCOMO/Ext/TrustedKeys/";
    private readonly ScomoRig _rig;

    public ScomoKeyTests(ITestOutputHelper output)
    {
        _rig = new ScomoRig(output);
    }

    public void Dispose() => _rig.Dispose();

    [Fact]
    public void TheKeyAuthorityAddsAKeyAndPackagesSignedWithItInstall()
    {
        _rig.Boot();
        var vendor = SigningKey.Generate();
        _rig.RunSession(new ScomoScenario("new key").Package()
            .AddBinary(Keys + "vendor-2", vendor.PublicKey, 200)
            .Get(Keys + ScomoRig.KeyId, null, 200));
        byte[] package = _rig.SamplePackage("vendored", key: vendor, keyId: "vendor-2");
        _rig.RunSession(ScomoScenario.DirectDelivery("v", package, "Install", "c-v"));
        Assert.Contains("<ResultCode>1200</ResultCode>",
            _rig.WaitForAlert("./SCOMO/Inventory/Delivered/v/Operations/Install", "c-v").Data);

        _rig.RunSession(new ScomoScenario("revoke").Package().Delete(Keys + "vendor-2", 200));
        _rig.WaitQuiet();
        byte[] second = _rig.SamplePackage("revoked", key: vendor, keyId: "vendor-2");
        _rig.RunSession(ScomoScenario.DirectDelivery("w", second, "Install", "c-w"));
        Assert.Contains("<ResultCode>1407</ResultCode>",
            _rig.WaitForAlert("./SCOMO/Inventory/Delivered/w/Operations/Install", "c-w").Data);
    }

    [Fact]
    public void OtherServersCannotChangeTheTrustedKeys()
    {
        _rig.KeyAuthority = "the-vendor";
        _rig.Boot();
        var intruder = SigningKey.Generate();
        _rig.RunSession(new ScomoScenario("intruder").Package()
            .AddBinary(Keys + "intruder", intruder.PublicKey, 425)
            .ReplaceBinary(Keys + ScomoRig.KeyId, intruder.PublicKey, 425)
            .Delete(Keys + ScomoRig.KeyId, 425));
        byte[] package = _rig.SamplePackage("evil", key: intruder, keyId: "intruder");
        _rig.RunSession(ScomoScenario.DirectDelivery("e", package, "Install", "c-e"));
        Assert.Contains("<ResultCode>1407</ResultCode>",
            _rig.WaitForAlert("./SCOMO/Inventory/Delivered/e/Operations/Install", "c-e").Data);
        Assert.False(_rig.Exists("./SCOMO/Inventory/Deployed/evil"));
    }
}
