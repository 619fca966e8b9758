using System.Globalization;
using NanoOmaDm.Agent.Terminal;
using NanoOmaDm.Emulator.Hal;

namespace NanoOmaDm.Emulator;

/// <summary>The emulator's <c>sim</c> command (boards have real sensors): shows and sets the simulated battery, free
/// storage, free memory and network that the download client and <c>status</c> see, so that a server's handling of a
/// device that holds its downloads can be tried out. Not mutating: it changes the simulation, not the device's state.</summary>
public sealed class SimCommand : IConsoleCommand
{
    private readonly SimulatedDeviceState _state;

    public SimCommand(SimulatedDeviceState state)
    {
        _state = state;
    }

    public string Name => "sim";

    public string Usage => "sim | sim battery PERCENT | sim storage BYTES | sim memory BYTES | sim network up|down";

    public string Help => "Shows or sets what the emulated device measures (emulator only); -1 means 'cannot measure'. "
        + "Downloads wait while the battery is below 15 %, storage or memory run short, or the network is down.";

    public bool IsMutating(CommandArgs args) => false;

    public void Execute(CommandArgs args, ConsoleIo io)
    {
        if (args.Count == 1)
        {
            io.Line("battery " + _state.BatteryPercent + " %, storage " + _state.FreeStorageBytes + " bytes free, memory "
                + _state.FreeMemoryBytes + " bytes free, network " + (_state.IsNetworkUp ? "up" : "down"));
            return;
        }

        string what = args.Keyword(1);
        if (args.Count == 3 && what == "network" && (args.Keyword(2) == "up" || args.Keyword(2) == "down"))
        {
            _state.IsNetworkUp = args.Keyword(2) == "up";
            io.Line("network " + args.Keyword(2));
            return;
        }

        if (args.Count != 3 || !long.TryParse(args[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) || value < -1)
        {
            io.Usage(this);
            return;
        }

        switch (what)
        {
            case "battery" when value <= 100:
                _state.BatteryPercent = (int)value;
                io.Line("battery " + value + " %");
                break;
            case "storage":
                _state.FreeStorageBytes = value;
                io.Line("storage " + value + " bytes free");
                break;
            case "memory":
                _state.FreeMemoryBytes = value;
                io.Line("memory " + value + " bytes free");
                break;
            default:
                io.Usage(this);
                break;
        }
    }
}
