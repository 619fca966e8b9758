namespace NanoOmaDm.PackageTool;

/// <summary>A component to pack: its manifest fields and the file that becomes its payload.</summary>
public sealed record ComponentSpec(string Id, string Name, string Version, string Environment, string File);
