using NanoOmaDm.Hal;

namespace NanoOmaDm.SampleComponent;

/// <summary>The sample component: says hello, then logs a tick every two seconds until stopped. Install parameters
/// containing "fail-start" make Start throw, which is how the demo and the tests exercise the agent's rollback of a
/// failed activation.</summary>
public sealed class Greeter : IComponent
{
    public const string FailStartWord = "fail-start";

    private static readonly TimeSpan TickPeriod = TimeSpan.FromSeconds(2);

    private IComponentContext _context;
    private Timer _timer;
    private int _ticks;

    public void Start(IComponentContext context)
    {
        if (context.Parameters != null && context.Parameters.Contains(FailStartWord, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("the component was told to fail its start (" + FailStartWord + ")");
        }

        _context = context;
        Log("hello from " + context.ComponentId + " " + context.Version + " (parameters: " + context.Parameters + ")");
        _timer = new Timer(_ => Tick(), null, TickPeriod, TickPeriod);
    }

    public void Stop()
    {
        if (_timer == null)
        {
            return;
        }

        _timer.Dispose();
        _timer = null;
        Log(_context.ComponentId + " stopped");
    }

    private void Tick()
    {
        int n = Interlocked.Increment(ref _ticks);
        Log(_context.ComponentId + " is running (tick " + n + ")");
    }

    private void Log(string message) => _context.Log.Write(LogLevel.Info, _context.ComponentId, message);
}
