using NanoOmaDm.Agent.Terminal;

namespace NanoOmaDm.Emulator;

/// <summary>The emulator's own console command <c>quit</c> (boards have no such thing): stops the emulator once a
/// session started from the console has ended. Not mutating: stopping the desktop process changes no device state.</summary>
public sealed class QuitCommand : IConsoleCommand
{
    private readonly Action _quit;

    public QuitCommand(Action quit)
    {
        _quit = quit;
    }

    public string Name => "quit";

    public string Usage => "quit";

    public string Help => "Stops the emulator (emulator only) after a running session has ended.";

    public bool IsMutating(CommandArgs args) => false;

    public void Execute(CommandArgs args, ConsoleIo io)
    {
        if (args.Count != 1)
        {
            io.Usage(this);
            return;
        }

        io.Line("Stopping the emulator ...");
        _quit();
    }
}
