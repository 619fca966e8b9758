using System.Security.Cryptography;
using System.Text;

namespace NanoOmaDm.DmServer;

/// <summary>OMA DM 1.2 credential computations (DM Security 1.2). Nonces are raw bytes; on the wire they travel b64
/// in Chal/Meta/NextNonce, and the digests use the raw bytes.</summary>
public static class DmAuth
{
    /// <summary>Meta Type of basic credentials.</summary>
    public const string TypeBasic = "syncml:auth-basic";

    /// <summary>Meta Type of md5 digest credentials.</summary>
    public const string TypeMd5 = "syncml:auth-md5";

    /// <summary>Meta Type of the auth-MAC ("HMAC") scheme (used in Chal only; the MAC itself travels in a header).</summary>
    public const string TypeMac = "syncml:auth-MAC";

    /// <summary>Meta Type of the given scheme (null for None).</summary>
    public static string MetaType(AuthScheme scheme)
    {
        switch (scheme)
        {
            case AuthScheme.Basic: return TypeBasic;
            case AuthScheme.Md5: return TypeMd5;
            case AuthScheme.Hmac: return TypeMac;
            default: return null;
        }
    }

    /// <summary>Scheme for a Meta Type (case-insensitive); null when unknown.</summary>
    public static AuthScheme? SchemeOf(string metaType)
    {
        if (string.Equals(metaType, TypeBasic, StringComparison.OrdinalIgnoreCase))
        {
            return AuthScheme.Basic;
        }

        if (string.Equals(metaType, TypeMd5, StringComparison.OrdinalIgnoreCase))
        {
            return AuthScheme.Md5;
        }

        if (string.Equals(metaType, TypeMac, StringComparison.OrdinalIgnoreCase))
        {
            return AuthScheme.Hmac;
        }

        return null;
    }

    /// <summary>b64("user:password"). Vector: Bruce2/OhBehave → QnJ1Y2UyOk9oQmVoYXZl.</summary>
    public static string BasicCredential(string user, string password)
    {
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
    }

    /// <summary>B64(MD5(B64(MD5("user:password")) + ":" + nonce)). Vector: Bruce2/OhBehave/"Nonce" → Zz6EivR3yeaaENcRN6lpAQ==.</summary>
    public static string Md5Digest(string user, string password, byte[] nonce)
    {
        var buf = Concat(Encoding.ASCII.GetBytes(UserHash(user, password)), Colon, nonce ?? Array.Empty<byte>());
        return Convert.ToBase64String(MD5.HashData(buf));
    }

    /// <summary>auth-MAC value: B64(MD5(B64(MD5("user:password")) + ":" + nonce + ":" + B64(MD5(body)))).</summary>
    public static string ComputeHmacMac(string user, string password, byte[] nonce, byte[] body)
    {
        var bodyHash = Convert.ToBase64String(MD5.HashData(body ?? Array.Empty<byte>()));
        var buf = Concat(Encoding.ASCII.GetBytes(UserHash(user, password)), Colon, nonce ?? Array.Empty<byte>(), Colon, Encoding.ASCII.GetBytes(bodyHash));
        return Convert.ToBase64String(MD5.HashData(buf));
    }

    /// <summary>Value of the x-syncml-hmac header.</summary>
    public static string FormatHmacHeader(string user, string mac)
    {
        return "algorithm=MD5, username=\"" + user + "\", mac=" + mac;
    }

    /// <summary>Parses "algorithm=MD5, username="u", mac=xxx" (order free, quotes optional). Algorithm defaults to MD5.</summary>
    public static bool TryParseHmacHeader(string header, out string algorithm, out string user, out string mac)
    {
        algorithm = "MD5";
        user = null;
        mac = null;
        if (string.IsNullOrWhiteSpace(header))
        {
            return false;
        }

        foreach (var part in header.Split(','))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }

            var key = part.Substring(0, eq).Trim();
            var value = part.Substring(eq + 1).Trim();
            if (value.Length >= 2 && value[0] == '"' && value[value.Length - 1] == '"')
            {
                value = value.Substring(1, value.Length - 2);
            }

            if (key.Equals("algorithm", StringComparison.OrdinalIgnoreCase))
            {
                algorithm = value;
            }
            else if (key.Equals("username", StringComparison.OrdinalIgnoreCase))
            {
                user = value;
            }
            else if (key.Equals("mac", StringComparison.OrdinalIgnoreCase))
            {
                mac = value;
            }
        }

        return user != null && mac != null;
    }

    /// <summary>Fresh random 16-byte nonce.</summary>
    public static byte[] NewNonce()
    {
        return RandomNumberGenerator.GetBytes(16);
    }

    /// <summary>B64(MD5("user:password")) – the inner hash shared by md5, MAC and the Pkg#0 digest.</summary>
    public static string UserHash(string user, string password)
    {
        return Convert.ToBase64String(MD5.HashData(Encoding.UTF8.GetBytes(user + ":" + password)));
    }

    private static readonly byte[] Colon = { (byte)':' };

    internal static byte[] Concat(params byte[][] parts)
    {
        var len = 0;
        foreach (var p in parts)
        {
            len += p.Length;
        }

        var r = new byte[len];
        var o = 0;
        foreach (var p in parts)
        {
            Buffer.BlockCopy(p, 0, r, o, p.Length);
            o += p.Length;
        }

        return r;
    }
}
