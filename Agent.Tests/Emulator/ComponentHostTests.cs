using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Text;
using NanoOmaDm.Emulator.Components;
using NanoOmaDm.Emulator.Hal;
using NanoOmaDm.Hal;
using Xunit;

namespace NanoOmaDm.Tests.Emulator
{
    /// <summary>The emulator's component host with the sample component (tools/SampleComponent), which the build copies
    /// next to the tests as a file, not as a reference: each start loads it into a fresh collectible context.</summary>
    public class ComponentHostTests
    {
        private const string ImageName = "image.dll";

        private readonly MemoryStorage _storage = new MemoryStorage();
        private readonly CapturingLog _log = new CapturingLog();
        private readonly AssemblyComponentHost _host = new AssemblyComponentHost();

        private static string NewId() => "sample-" + Guid.NewGuid().ToString("N");

        private void Start(string id, byte[] image, string parameters = "")
        {
            _storage.WriteAll(ImageName, image);
            using IStorageFile file = _storage.Open(ImageName);
            _host.Start(new TestContext(id, "1.2.3", parameters, _log), file);
        }

        private void StartSample(string id, string parameters = "") => Start(id, File.ReadAllBytes(SampleComponentImage.Path), parameters);

        /// <summary>Kept out of line so that no local of the caller's frame keeps the context (or its types) alive.
        /// <paramref name="unloading"/> turns true when Unload is called: a collectible context that is merely dropped
        /// is also collected (its finalizer unloads it), so the weak reference alone cannot tell that Stop unloaded.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static WeakReference WatchLoadContext(string id, StrongBox<bool> unloading)
        {
            string name = ComponentLoadContext.NameFor(id);
            AssemblyLoadContext context = AssemblyLoadContext.All.Single(c => c.Name == name);
            context.Unloading += _ => unloading.Value = true;
            return new WeakReference(context);
        }

        [Fact]
        public void StartRunsTheSampleWhichGreetsAndTicks()
        {
            string id = NewId();
            StartSample(id, "color=blue");
            try
            {
                Assert.True(_host.IsRunning(id));
                Assert.Equal(new[] { id }, _host.RunningIds);
                Assert.Contains("INFO " + id + ": hello from " + id + " 1.2.3 (parameters: color=blue)", _log.Lines);
                Assert.True(_log.WaitFor(id + " is running (tick 1)", TimeSpan.FromSeconds(8)), string.Join("\n", _log.Lines));
            }
            finally
            {
                _host.Stop(id);
            }
        }

        [Fact]
        public void StopStopsTheComponentAndUnloadsItsCode()
        {
            string id = NewId();
            StartSample(id);
            var unloading = new StrongBox<bool>();
            WeakReference loadContext = WatchLoadContext(id, unloading);

            _host.Stop(id);

            Assert.True(unloading.Value, "Stop did not unload the component's load context");
            Assert.False(_host.IsRunning(id));
            Assert.Empty(_host.RunningIds);
            Assert.Contains("INFO " + id + ": " + id + " stopped", _log.Lines);
            for (int i = 0; loadContext.IsAlive && i < 10; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            Assert.False(loadContext.IsAlive, "the component's load context was not collected after Stop");
        }

        [Fact]
        public void AComponentThatFailsItsStartThrowsWithTheReasonAndDoesNotRun()
        {
            string id = NewId();

            var e = Assert.Throws<InvalidOperationException>(() => StartSample(id, "mode=fail-start"));

            Assert.Contains("component " + id + " failed to start", e.Message);
            Assert.Contains("the component was told to fail its start (fail-start)", e.Message);
            Assert.False(_host.IsRunning(id));
            Assert.Empty(_host.RunningIds);
            Assert.DoesNotContain(_log.Lines, line => line.Contains("hello from"));
        }

        [Fact]
        public void AnImageThatIsNoAssemblyThrowsClearly()
        {
            string id = NewId();

            var e = Assert.Throws<InvalidOperationException>(() => Start(id, Encoding.ASCII.GetBytes("certainly not a PE file")));

            Assert.Contains("component " + id + ": the image is not a loadable .NET assembly", e.Message);
            Assert.IsType<BadImageFormatException>(e.InnerException);
            Assert.False(_host.IsRunning(id));
        }

        [Fact]
        public void AnAssemblyWithoutAComponentClassThrowsClearly()
        {
            string id = NewId();
            byte[] hal = File.ReadAllBytes(typeof(IComponent).Assembly.Location);

            var e = Assert.Throws<InvalidOperationException>(() => Start(id, hal));

            Assert.Contains("must hold exactly one public class implementing NanoOmaDm.Hal.IComponent", e.Message);
            Assert.EndsWith("found none", e.Message);
            Assert.False(_host.IsRunning(id));
        }

        [Fact]
        public void StartingARunningComponentAgainThrowsAndKeepsTheFirst()
        {
            string id = NewId();
            StartSample(id);
            try
            {
                var e = Assert.Throws<InvalidOperationException>(() => StartSample(id));

                Assert.Contains("already runs", e.Message);
                Assert.True(_host.IsRunning(id));
                Assert.Single(_log.Lines, line => line.Contains("hello from " + id));
            }
            finally
            {
                _host.Stop(id);
            }
        }

        [Fact]
        public void StoppingAComponentThatDoesNotRunDoesNothing()
        {
            _host.Stop("never-started");
            _host.Stop(null);

            Assert.Empty(_host.RunningIds);
            Assert.Empty(_log.Lines);
        }

        [Fact]
        public void SupportsOnlyDotnet()
        {
            Assert.True(_host.Supports(AssemblyComponentHost.Environment));
            Assert.True(_host.Supports("dotnet"));
            Assert.False(_host.Supports("nanoFramework"));
            Assert.False(_host.Supports(null));
            Assert.True(_host.UnloadsOnStop);
        }

        private sealed record TestContext(string ComponentId, string Version, string Parameters, ILogSink Log) : IComponentContext;

        /// <summary>Lines as "LEVEL source: message"; the component's timer writes from a pool thread.</summary>
        private sealed class CapturingLog : ILogSink
        {
            private readonly object _sync = new object();
            private readonly List<string> _lines = new List<string>();

            public string[] Lines
            {
                get
                {
                    lock (_sync)
                    {
                        return _lines.ToArray();
                    }
                }
            }

            public void Write(LogLevel level, string source, string message)
            {
                lock (_sync)
                {
                    _lines.Add(level.ToString().ToUpperInvariant() + " " + source + ": " + message);
                    Monitor.PulseAll(_sync);
                }
            }

            public bool WaitFor(string fragment, TimeSpan timeout)
            {
                DateTime deadline = DateTime.UtcNow + timeout;
                lock (_sync)
                {
                    while (!_lines.Any(line => line.Contains(fragment)))
                    {
                        TimeSpan left = deadline - DateTime.UtcNow;
                        if (left <= TimeSpan.Zero)
                        {
                            return false;
                        }

                        Monitor.Wait(_sync, left);
                    }

                    return true;
                }
            }
        }
    }
}
