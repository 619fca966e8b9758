using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace NanoOmaDm.DmServer;

/// <summary>Parameters of a DM 1.2 Pkg#0 (General Notification Initiated Session alert). Unset members take the
/// host's defaults (ServerId, ServerPassword, the device's server nonce).</summary>
public sealed class NotificationRequest
{
    /// <summary>Server id (default: options.ServerId).</summary>
    public string ServerId { get; set; }

    /// <summary>Server password used in the digest (default: options.ServerPassword).</summary>
    public string ServerPassword { get; set; }

    /// <summary>Nonce in the digest (the server→client nonce the device holds). Default: the nonce the host keeps for
    /// <see cref="DeviceId"/>, else options.InitialServerNonce.</summary>
    public byte[] Nonce { get; set; }

    /// <summary>Device whose stored server nonce is used when <see cref="Nonce"/> is null.</summary>
    public string DeviceId { get; set; }

    /// <summary>16-bit session id (1..0xFFFF); 0 = random.</summary>
    public int SessionId { get; set; }

    /// <summary>UI mode: 0 not specified, 1 background, 2 informative, 3 user interaction.</summary>
    public int UiMode { get; set; }

    /// <summary>Initiator bit: true = server (1).</summary>
    public bool ServerInitiated { get; set; } = true;

    /// <summary>10-bit version field (12 = DM 1.2; some implementations use 11).</summary>
    public int Version { get; set; } = 12;

    /// <summary>Vendor-specific trailer (optional).</summary>
    public byte[] VendorData { get; set; }

    /// <summary>Test aid: replace the digest with random bytes.</summary>
    public bool ForgeDigest { get; set; }

    /// <summary>Test aid: compute the digest with a wrong password.</summary>
    public bool UseWrongPassword { get; set; }
}

/// <summary>A built (or parsed) Pkg#0.</summary>
public sealed class NotificationMessage
{
    /// <summary>The whole datagram.</summary>
    public byte[] Bytes { get; set; }

    /// <summary>First 16 bytes.</summary>
    public byte[] Digest { get; set; }

    /// <summary>Everything after the digest (what the digest covers).</summary>
    public byte[] Trigger { get; set; }

    /// <summary>Version field.</summary>
    public int Version { get; set; }

    /// <summary>UI mode field.</summary>
    public int UiMode { get; set; }

    /// <summary>Initiator bit.</summary>
    public bool ServerInitiated { get; set; }

    /// <summary>27 future-use bits (must be 0).</summary>
    public int FutureUse { get; set; }

    /// <summary>Session id.</summary>
    public int SessionId { get; set; }

    /// <summary>Session id as the SessionID of the resulting session: upper-case hex without leading zeros.</summary>
    public string SessionIdHex => SessionId.ToString("X", CultureInfo.InvariantCulture);

    /// <summary>Server id.</summary>
    public string ServerId { get; set; }

    /// <summary>Vendor data.</summary>
    public byte[] VendorData { get; set; }
}

/// <summary>Builds, parses and sends DM 1.2 Pkg#0.</summary>
public static class Notification
{
    /// <summary>Builds the datagram. All of ServerId, ServerPassword and Nonce must be set on the request (see
    /// <see cref="DmServerHost.SendNotification"/> for defaults).</summary>
    public static NotificationMessage Build(NotificationRequest r)
    {
        if (r.ServerId == null || r.ServerPassword == null || r.Nonce == null)
        {
            throw new ArgumentException("ServerId, ServerPassword and Nonce are required");
        }

        var id = Encoding.ASCII.GetBytes(r.ServerId);
        if (id.Length > 255)
        {
            throw new ArgumentException("server id longer than 255 bytes");
        }

        if (r.UiMode < 0 || r.UiMode > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(r), "UiMode must be 0..3");
        }

        if (r.Version < 0 || r.Version > 1023)
        {
            throw new ArgumentOutOfRangeException(nameof(r), "Version must fit 10 bits");
        }

        var sid = r.SessionId;
        if (sid == 0)
        {
            sid = RandomNumberGenerator.GetInt32(1, 0x10000);
        }

        if (sid < 1 || sid > 0xFFFF)
        {
            throw new ArgumentOutOfRangeException(nameof(r), "SessionId must be 1..0xFFFF");
        }

        var vendor = r.VendorData ?? Array.Empty<byte>();
        var trigger = new byte[8 + id.Length + vendor.Length];
        ulong bits = ((ulong)(uint)r.Version << 54) | ((ulong)(uint)r.UiMode << 52) | ((r.ServerInitiated ? 1UL : 0UL) << 51) | ((ulong)(uint)sid << 8) | (ulong)(uint)id.Length;
        for (var i = 0; i < 8; i++)
        {
            trigger[i] = (byte)(bits >> (56 - 8 * i));
        }

        Buffer.BlockCopy(id, 0, trigger, 8, id.Length);
        Buffer.BlockCopy(vendor, 0, trigger, 8 + id.Length, vendor.Length);
        var password = r.UseWrongPassword ? r.ServerPassword + "-wrong" : r.ServerPassword;
        var digest = r.ForgeDigest ? RandomNumberGenerator.GetBytes(16) : ComputeDigest(r.ServerId, password, r.Nonce, trigger);
        var all = DmAuth.Concat(digest, trigger);
        return Parse(all);
    }

    /// <summary>MD5(B64(MD5("serverid:password")) + ":" + nonce + ":" + B64(MD5(trigger))).</summary>
    public static byte[] ComputeDigest(string serverId, string password, byte[] nonce, byte[] trigger)
    {
        var inner = Encoding.ASCII.GetBytes(DmAuth.UserHash(serverId, password));
        var trig = Encoding.ASCII.GetBytes(Convert.ToBase64String(MD5.HashData(trigger)));
        return MD5.HashData(DmAuth.Concat(inner, new[] { (byte)':' }, nonce ?? Array.Empty<byte>(), new[] { (byte)':' }, trig));
    }

    /// <summary>True when the datagram's digest matches.</summary>
    public static bool VerifyDigest(byte[] datagram, string serverId, string password, byte[] nonce)
    {
        var m = Parse(datagram);
        return m.Digest.AsSpan().SequenceEqual(ComputeDigest(serverId, password, nonce, m.Trigger));
    }

    /// <summary>Splits a datagram into its fields (throws FormatException when too short).</summary>
    public static NotificationMessage Parse(byte[] datagram)
    {
        if (datagram == null || datagram.Length < 24)
        {
            throw new FormatException("Pkg#0 shorter than 24 bytes");
        }

        ulong bits = 0;
        for (var i = 0; i < 8; i++)
        {
            bits = (bits << 8) | (ulong)datagram[16 + i];
        }

        var idLen = (int)(bits & 0xFF);
        if (datagram.Length < 24 + idLen)
        {
            throw new FormatException("Pkg#0 server id length " + idLen + " exceeds the datagram");
        }

        return new NotificationMessage
        {
            Bytes = datagram,
            Digest = datagram.AsSpan(0, 16).ToArray(),
            Trigger = datagram.AsSpan(16).ToArray(),
            Version = (int)(bits >> 54),
            UiMode = (int)((bits >> 52) & 3),
            ServerInitiated = ((bits >> 51) & 1) == 1,
            FutureUse = (int)((bits >> 24) & 0x7FFFFFF),
            SessionId = (int)((bits >> 8) & 0xFFFF),
            ServerId = Encoding.ASCII.GetString(datagram, 24, idLen),
            VendorData = datagram.AsSpan(24 + idLen).ToArray(),
        };
    }

    /// <summary>Sends the datagram over UDP.</summary>
    public static void Send(string host, int udpPort, byte[] datagram)
    {
        using (var udp = new UdpClient())
        {
            udp.Send(datagram, datagram.Length, host, udpPort);
        }
    }
}
