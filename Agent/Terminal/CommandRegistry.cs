using System.Collections;

namespace NanoOmaDm.Agent.Terminal
{
    /// <summary>The console's commands by name, in registration order for <c>help</c>. Thread-safe: subsystems may
    /// register while the console runs.</summary>
    public sealed class CommandRegistry
    {
        private readonly Hashtable _byName = new Hashtable();
        private readonly ArrayList _ordered = new ArrayList();

        /// <summary>False (and nothing changes) when the name is empty, has blanks or upper case, or is taken.</summary>
        public bool Add(IConsoleCommand command)
        {
            string name = command == null ? null : command.Name;
            if (name == null || name.Length == 0 || name != name.ToLower() || name.IndexOf(' ') >= 0)
            {
                return false;
            }
            lock (_ordered)
            {
                if (_byName.Contains(name))
                {
                    return false;
                }
                _byName[name] = command;
                _ordered.Add(command);
                return true;
            }
        }

        /// <summary>The command named <paramref name="name"/> (any case), or null.</summary>
        public IConsoleCommand Find(string name)
        {
            string key = name.ToLower();
            lock (_ordered)
            {
                return _byName.Contains(key) ? (IConsoleCommand)_byName[key] : null;
            }
        }

        public IConsoleCommand[] All()
        {
            lock (_ordered)
            {
                return (IConsoleCommand[])_ordered.ToArray(typeof(IConsoleCommand));
            }
        }
    }
}
