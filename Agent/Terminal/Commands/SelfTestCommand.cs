using System;
using System.Collections;

namespace NanoOmaDm.Agent.Terminal.Commands
{
    /// <summary><c>selftest</c>: runs every registered known-answer test and prints PASS or FAIL for each.</summary>
    public sealed class SelfTestCommand : NoArgumentCommand
    {
        private readonly ArrayList _tests;

        /// <param name="tests">The registered <see cref="ISelfTest"/>s, read at each run.</param>
        public SelfTestCommand(ArrayList tests)
            : base("selftest", "Runs the known-answer tests (MD5, SHA-256, the SyncML codec, and those of other subsystems) and prints PASS or FAIL for each.", false)
        {
            _tests = tests;
        }

        protected override void Run(ConsoleIo io)
        {
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
