using System;
using System.Collections;

namespace NanoOmaDm.Agent.Terminal.Commands
{
    /// <summary><c>selftest</c>: runs every registered known-answer test and prints PASS or FAIL for each.</summary>
    public sealed class SelfTestCommand : IConsoleCommand
    {
        private readonly ArrayList _tests;

        /// <param name="tests">The registered <see cref="ISelfTest"/>s, read at each run.</param>
        public SelfTestCommand(ArrayList tests)
        {
            _tests = tests;
        }

        public string Name
        {
            get { return "selftest"; }
        }

        public string Usage
        {
            get { return "selftest"; }
        }

        public string Help
        {
            get { return "Runs the known-answer tests (MD5, SHA-256, the SyncML codec, and those of other subsystems) and prints PASS or FAIL for each."; }
        }

        public bool IsMutating(CommandArgs args)
        {
            return false;
        }

        public void Execute(CommandArgs args, ConsoleIo io)
        {
            if (args.Count != 1)
            {
                io.Usage(this);
                return;
            }
            ISelfTest[] tests;
            lock (_tests)
            {
                tests = (ISelfTest[])_tests.ToArray(typeof(ISelfTest));
            }
            int failed = 0;
            for (int i = 0; i < tests.Length; i++)
            {
                bool passed;
                try
                {
                    passed = tests[i].Run();
                }
                catch (Exception)
                {
                    passed = false;
                }
                if (!passed)
                {
                    failed++;
                }
                io.Line(tests[i].Name.PadRight(10) + (passed ? "PASS" : "FAIL"));
            }
            io.Line(failed == 0 ? "selftest: all " + tests.Length.ToString() + " passed" : "selftest: " + failed.ToString() + " of " + tests.Length.ToString() + " FAILED");
        }
    }
}
