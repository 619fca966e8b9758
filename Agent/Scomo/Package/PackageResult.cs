namespace NanoOmaDm.Agent.Scomo
{
    /// <summary>Outcome of reading a delivery package; <see cref="PackageResultCodes"/> maps it to a SCOMO result.</summary>
    public enum PackageResult
    {
        Ok,
        /// <summary>The stream ended before the package did.</summary>
        Truncated,
        BadMagic,
        UnsupportedFormat,
        /// <summary>The key id or manifest length is out of bounds.</summary>
        BadLength,
        /// <summary>The signing key id is not among the trusted keys.</summary>
        UnknownKey,
        /// <summary>The signature does not verify with the trusted key of that id (or is malformed).</summary>
        BadSignature,
        /// <summary>Signed, but not a valid format 1 manifest.</summary>
        ManifestInvalid,
        PayloadHashMismatch,
        /// <summary>Bytes follow the last payload.</summary>
        TrailingData,
        /// <summary>The input stream threw.</summary>
        ReadFailed,
        /// <summary>The output stream threw (typically storage full).</summary>
        WriteFailed
    }
}
