using NanoOmaDm.Agent.Terminal;

namespace NanoOmaDm.Boards.Common
{
    /// <summary>The board's console command <c>config show | config set KEY VALUE | config unset KEY</c>: shows the
    /// device configuration (secrets masked) or changes config.txt on the device's storage. Changes take effect at the
    /// next boot (<c>reboot</c>). Changing needs login.</summary>
    public sealed class ConfigCommand : IConsoleCommand
    {
        private readonly BoardConfig _config;

        public ConfigCommand(BoardConfig config)
        {
            _config = config;
        }

        public string Name
        {
            get { return "config"; }
        }

        public string Usage
        {
            get { return "config show | config set KEY VALUE | config unset KEY"; }
        }

        public string Help
        {
            get
            {
                return "Shows or changes the board configuration file (" + _config.Path + "): server.url, server.id, user, password, "
                    + "server.password, auth, wifi.ssid, wifi.password, console.pin, notify.port, button.pin, led.pin, ... "
                    + "Changes apply after 'reboot'. set/unset need login.";
            }
        }

        public bool IsMutating(CommandArgs args)
        {
            return args.Count > 1 && args.Keyword(1) != "show";
        }

        public void Execute(CommandArgs args, ConsoleIo io)
        {
            string sub = args.Count > 1 ? args.Keyword(1) : "show";
            if (sub == "show" && args.Count <= 2)
            {
                string[] keys = _config.Keys();
                for (int i = 0; i < keys.Length; i++)
                {
                    string value = _config.Get(keys[i]);
                    if (value != null && BoardConfig.IsSecret(keys[i]))
                    {
                        value = "********";
                    }

                    io.Line(keys[i] + "=" + (value ?? string.Empty));
                }

                return;
            }

            if (sub == "set" && args.Count >= 4)
            {
                _config.Set(args[2], args.Rest(3));
            }
            else if (sub == "unset" && args.Count == 3)
            {
                _config.Set(args[2], string.Empty);
            }
            else
            {
                io.Usage(this);
                return;
            }

            _config.Save();
            io.Line("saved " + _config.Path + "; 'reboot' applies it");
        }
    }
}
