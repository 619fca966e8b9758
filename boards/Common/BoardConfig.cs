using System;
using System.Collections;
using System.IO;
using System.Text;

namespace NanoOmaDm.Boards.Common
{
    /// <summary>The device's settings, read at boot from a text file on the board's storage (I:\nanoOmaDm\config.txt on
    /// the ESP32, D:\nanoOmaDm\config.txt on the STM32F769I-DISCOVERY): one <c>key=value</c> per line, '#' starts a
    /// comment line, keys are case-insensitive, values are taken as written (no quotes). Provisioned with
    /// <c>nanoff --filedeployment</c>, or changed on the console with <c>config set KEY VALUE</c> (saved at once, used at
    /// the next boot). Missing keys take the board's defaults.</summary>
    public sealed class BoardConfig
    {
        public const string ServerUrl = "server.url";
        public const string ServerId = "server.id";
        public const string User = "user";
        public const string Password = "password";
        public const string ServerPassword = "server.password";
        public const string Auth = "auth";
        public const string WifiSsid = "wifi.ssid";
        public const string WifiPassword = "wifi.password";
        public const string ConsolePin = "console.pin";
        public const string ConsolePort = "console.port";
        public const string ConsoleRxPin = "console.rx";
        public const string ConsoleTxPin = "console.tx";
        public const string ConsoleBaud = "console.baud";
        public const string NotifyPort = "notify.port";
        public const string ButtonPin = "button.pin";
        public const string LedPin = "led.pin";
        public const string BatteryChannel = "battery.channel";
        public const string BatteryDivider = "battery.divider";
        public const string BatteryEmptyMv = "battery.empty.mv";
        public const string BatteryFullMv = "battery.full.mv";
        public const string SntpServer = "sntp.server";
        public const string StoreBudget = "store.budget";
        public const string MaxMsgSize = "max.msg.size";
        /// <summary>ServerID of the one server allowed to change the trusted package signing keys (none when unset).</summary>
        public const string ScomoKeyAuthority = "scomo.keyAuthority";
        /// <summary>Prefix of the trusted package signing keys: <c>scomo.key.ID=64 hex digits</c> (an Ed25519 public key;
        /// the id is lower case, as every key is).</summary>
        public const string ScomoKeyPrefix = "scomo.key.";

        /// <summary>Keys whose values <c>config show</c> masks.</summary>
        private static readonly string[] Secrets = new string[] { Password, ServerPassword, WifiPassword, ConsolePin };

        private readonly Hashtable _values = new Hashtable();
        private readonly ArrayList _order = new ArrayList();
        private readonly string _path;

        public BoardConfig(string path)
        {
            _path = path;
        }

        public string Path
        {
            get { return _path; }
        }

        /// <summary>Sets a default, kept unless the file names the key.</summary>
        public void Default(string key, string value)
        {
            if (!_values.Contains(key))
            {
                Put(key, value);
            }
        }

        /// <summary>Reads the file; returns false (and keeps the defaults) when there is none or it cannot be read.</summary>
        public bool Load()
        {
            byte[] bytes;
            try
            {
                if (!File.Exists(_path))
                {
                    return false;
                }

                bytes = File.ReadAllBytes(_path);
            }
            catch (Exception)
            {
                return false;
            }

            string text = Encoding.UTF8.GetString(bytes, 0, bytes.Length);
            int start = 0;
            while (start < text.Length)
            {
                int end = text.IndexOf('\n', start);
                if (end < 0)
                {
                    end = text.Length;
                }

                ParseLine(text.Substring(start, end - start));
                start = end + 1;
            }

            return true;
        }

        private void ParseLine(string line)
        {
            line = line.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                return;
            }

            int eq = line.IndexOf('=');
            if (eq <= 0)
            {
                return;
            }

            Put(line.Substring(0, eq).Trim().ToLower(), line.Substring(eq + 1).Trim());
        }

        private void Put(string key, string value)
        {
            if (!_values.Contains(key))
            {
                _order.Add(key);
            }

            _values[key] = value;
        }

        public string Get(string key)
        {
            string value = (string)_values[key.ToLower()];
            return value == null || value.Length == 0 ? null : value;
        }

        public int GetInt(string key, int fallback)
        {
            string value = Get(key);
            int result;
            if (value == null || !int.TryParse(value, out result))
            {
                return fallback;
            }

            return result;
        }

        public double GetDouble(string key, double fallback)
        {
            string value = Get(key);
            double result;
            if (value == null || !double.TryParse(value, out result))
            {
                return fallback;
            }

            return result;
        }

        public void Set(string key, string value)
        {
            Put(key.ToLower(), value ?? string.Empty);
        }

        public string[] Keys()
        {
            return (string[])_order.ToArray(typeof(string));
        }

        public static bool IsSecret(string key)
        {
            for (int i = 0; i < Secrets.Length; i++)
            {
                if (Secrets[i] == key)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Writes every key to the file: a temporary file first, then delete and rename (File.Move cannot
        /// overwrite), so a power cut leaves either the old or the new file (the boot finds config.tmp otherwise).</summary>
        public void Save()
        {
            var sb = new StringBuilder();
            sb.Append("# nanoOmaDm device configuration (key=value); see README 'Flashing a board'\n");
            for (int i = 0; i < _order.Count; i++)
            {
                string key = (string)_order[i];
                sb.Append(key).Append('=').Append((string)_values[key]).Append('\n');
            }

            string tmp = _path + ".tmp";
            byte[] bytes = Encoding.UTF8.GetBytes(sb.ToString());
            if (File.Exists(tmp))
            {
                File.Delete(tmp);
            }

            using (var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write))
            {
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush();
            }

            if (File.Exists(_path))
            {
                File.Delete(_path);
            }

            File.Move(tmp, _path);
        }

        /// <summary>Finishes a save that a power cut interrupted between delete and rename.</summary>
        public void Recover()
        {
            string tmp = _path + ".tmp";
            try
            {
                if (!File.Exists(_path) && File.Exists(tmp))
                {
                    File.Move(tmp, _path);
                }
            }
            catch (Exception)
            {
                // Boot with the defaults.
            }
        }
    }
}
