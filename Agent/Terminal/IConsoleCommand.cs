namespace NanoOmaDm.Agent.Terminal
{
    /// <summary>One command of the technician's console, registered with <see cref="DmConsole.Register"/>. Subsystems add
    /// theirs this way (download client: <c>download status|suspend|resume</c>; SCOMO: <c>scomo list|activate|...</c>).
    /// <see cref="Execute"/> runs on the console thread: it must return within seconds (start long work on a thread of
    /// its own and report through <see cref="ConsoleIo.Notice"/>) and write every refusal itself; an exception it throws
    /// is caught and printed as an error.</summary>
    public interface IConsoleCommand
    {
        /// <summary>The first word of the command line, in lower case; unique among the registered commands.</summary>
        string Name { get; }

        /// <summary>Syntax on one line, starting with the name: "tree get URI | tree list URI".</summary>
        string Usage { get; }

        /// <summary>What it does, in a sentence or two (shown by <c>help NAME</c>); says when it needs login.</summary>
        string Help { get; }

        /// <summary>True when this invocation changes the device (tree values, sessions, downloads, components, reboot):
        /// the console then refuses it unless the technician has logged in with the PIN. <c>args[0]</c> is the name,
        /// so a command can be read-only for some sub-commands (<c>download status</c>) and mutating for others.</summary>
        bool IsMutating(CommandArgs args);

        void Execute(CommandArgs args, ConsoleIo io);
    }
}
