namespace NanoOmaDm.Agent.Session
{
    public enum AuthVerdict
    {
        Proceed = 0,
        Retry = 1,
        Fail = 2
    }
}
