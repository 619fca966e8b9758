namespace NanoOmaDm.Agent.Protocol.Xml
{
    /// <summary>What <see cref="XmlPullReader.Read"/> found. Error and EndOfDocument are final: every later call
    /// returns them again.</summary>
    public enum XmlToken
    {
        None,
        StartElement,
        EndElement,
        Text,
        EndOfDocument,
        Error
    }
}
