using System;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Download
{
    /// <summary>One attempt of a download: a GET (ranged and conditional when a stored part can be continued), the
    /// redirects it leads to, and the streaming of the final answer's body into the image. Decides what an answer
    /// means (continue, restart from zero, retry later, give up) and leaves the policy (budget, backoff, suspension)
    /// to <see cref="DownloadClient"/>.</summary>
    internal sealed class DownloadAttempt
    {
        // How an attempt ended.
        public const int Done = 0;
        public const int Fatal = 1;
        public const int Transient = 2;
        public const int Restart = 3;
        public const int Suspended = 4;
        public const int Cancelled = 5;
        public const int Continue = 6;
        private const int Redirect = 7;

        private const int MaxValidatorLength = 256;

        private readonly DownloadClient _client;
        private readonly DownloadPlatform _platform;
        private readonly DownloadRequest _request;
        private readonly DownloadOptions _options;
        private readonly ResumableImage _image;
        private readonly byte[] _buffer;
        private readonly HttpDownloadRequest _http = new HttpDownloadRequest();

        public DownloadAttempt(DownloadClient client, DownloadPlatform platform, DownloadRequest request, DownloadOptions options,
            ResumableImage image, byte[] buffer)
        {
            _client = client;
            _platform = platform;
            _request = request;
            _options = options;
            _image = image;
            _buffer = buffer;
        }

        /// <summary>HTTP requests sent so far, redirects included.</summary>
        public int Requests;
        /// <summary>Times an answer forced the stored part to be thrown away.</summary>
        public int Restarts;
        /// <summary>Last HTTP status received, 0 when none.</summary>
        public int LastStatus;

        // Why the last attempt ended Fatal, Transient or Restart.
        public DownloadOutcome Outcome;
        public string Message;
        /// <summary>The server's Retry-After for a Transient end, -1 when none.</summary>
        public int RetryAfterMs;

        /// <summary>One request, the redirects it leads to, and the body of the final answer.</summary>
        public int Run()
        {
            string url = _request.Url;
            int redirects = 0;
            while (true)
            {
                PrepareRequest(url);
                Requests++;
                IHttpDownloadResponse response;
                try
                {
                    response = _platform.Transport.Get(_http);
                }
                catch (Exception e)
                {
                    return Retry(DownloadOutcome.ServerUnavailable, "no response from " + url + ": " + e.Message, -1);
                }

                int step;
                string next = null;
                try
                {
                    int status = response.Status;
                    LastStatus = status;
                    if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
                    {
                        next = RedirectTarget.Resolve(url, response.GetHeader("Location"));
                        if (next == null)
                        {
                            step = Stop(DownloadOutcome.BadRedirect, "HTTP " + status + " without a usable http(s) Location");
                        }
                        else if (++redirects > _options.MaxRedirects)
                        {
                            step = Stop(DownloadOutcome.TooManyRedirects, "more than " + _options.MaxRedirects + " redirects");
                        }
                        else
                        {
                            step = Redirect;
                        }
                    }
                    else
                    {
                        step = Receive(response, status);
                    }
                }
                finally
                {
                    Close(response);
                }

                if (step != Redirect)
                {
                    return step;
                }
                _client.Log(LogLevel.Info, "redirected to " + next);
                url = next;
            }
        }

        private void PrepareRequest(string url)
        {
            _http.Url = url;
            _http.TimeoutMs = _options.RequestTimeoutMs;
            _http.ReadTimeoutMs = _options.ReadTimeoutMs;
            string validator = HttpHeaderValues.IsStrongETag(_image.ETag) ? _image.ETag : _image.LastModified;
            // Without a validator a range could splice two versions of the file: such a download starts over instead.
            if (_image.Offset > 0 && validator != null)
            {
                _http.RangeFrom = _image.Offset;
                _http.IfRange = validator;
            }
            else
            {
                _http.RangeFrom = -1;
                _http.IfRange = null;
            }
        }

        private int Receive(IHttpDownloadResponse response, int status)
        {
            if (status == 200)
            {
                return ReceiveWhole(response);
            }
            if (status == 206)
            {
                return ReceiveRange(response);
            }
            if (status == 416)
            {
                return Unsatisfiable(response);
            }
            if (status == 401 || status == 403 || status == 407)
            {
                return Stop(DownloadOutcome.AuthenticationFailed, "HTTP " + status + " from the download server");
            }
            int retryAfter = HttpHeaderValues.ParseRetryAfterMs(response.GetHeader("Retry-After"), _options.BackoffMaxMs);
            if (status == 408 || status == 429 || status == 503)
            {
                return Retry(DownloadOutcome.ServerUnavailable, "HTTP " + status, retryAfter);
            }
            if (status >= 500 && status <= 599)
            {
                return Retry(DownloadOutcome.ServerError, "HTTP " + status, retryAfter);
            }
            if (status >= 400 && status <= 499)
            {
                return Stop(DownloadOutcome.ClientError, "HTTP " + status);
            }
            return Stop(DownloadOutcome.ServerError, "HTTP " + status + " is no answer to a download");
        }

        private int ReceiveWhole(IHttpDownloadResponse response)
        {
            long length = HttpHeaderValues.ParseNonNegative(response.GetHeader("Content-Length"));
            if (_request.ExpectedSize >= 0 && length >= 0 && length != _request.ExpectedSize)
            {
                return Stop(DownloadOutcome.SizeMismatch, "the server's image has " + length + " bytes, the package " + _request.ExpectedSize);
            }
            if (_image.Offset > 0)
            {
                Restarts++;
                _client.Log(LogLevel.Warning, "HTTP 200 instead of the range from byte " + _image.Offset + ": restarting from zero");
            }
            if (!TryRestart(length, response))
            {
                return Fatal;
            }
            return ReceiveBody(response, length);
        }

        private int ReceiveRange(IHttpDownloadResponse response)
        {
            long first;
            long last;
            long complete;
            string contentRange = response.GetHeader("Content-Range");
            string problem = null;
            if (!HttpHeaderValues.ParseContentRange(contentRange, out first, out last, out complete) || first < 0)
            {
                problem = "unusable Content-Range '" + contentRange + "'";
            }
            else if (first != _image.Offset)
            {
                problem = "Content-Range starts at " + first + ", not at " + _image.Offset;
            }
            else if (complete >= 0 && _image.Target >= 0 && complete != _image.Target)
            {
                problem = "the entity now has " + complete + " bytes, not " + _image.Target;
            }
            else if (HttpHeaderValues.ParseNonNegative(response.GetHeader("Content-Length")) >= 0
                && HttpHeaderValues.ParseNonNegative(response.GetHeader("Content-Length")) != last - first + 1)
            {
                problem = "Content-Length disagrees with Content-Range '" + contentRange + "'";
            }
            else if (_image.Offset > 0 && ValidatorChanged(response))
            {
                problem = "the validator changed";
            }

            if (problem != null)
            {
                Restarts++;
                _client.Log(LogLevel.Warning, "HTTP 206 does not continue byte " + _image.Offset + " (" + problem + "): restarting from zero");
                if (!TryRestart(-1, null))
                {
                    return Fatal;
                }
                Outcome = DownloadOutcome.ServerError;
                Message = problem;
                return Restart;
            }
            if (_image.Offset == 0 && !TryRestart(complete, response))
            {
                return Fatal;
            }
            if (_image.Total < 0 && complete >= 0)
            {
                _image.Total = complete;
            }
            return ReceiveBody(response, last - first + 1);
        }

        private bool ValidatorChanged(IHttpDownloadResponse response)
        {
            string etag = Validator(response.GetHeader("ETag"));
            if (etag != null && _image.ETag != null)
            {
                return etag != _image.ETag;
            }
            string lastModified = Validator(response.GetHeader("Last-Modified"));
            return lastModified != null && _image.LastModified != null && lastModified != _image.LastModified;
        }

        /// <summary>A 416 to <c>bytes=N-</c> with <c>bytes */N</c> means every byte is already stored (the previous run
        /// stopped between the last byte and the verification); anything else ends the download.</summary>
        private int Unsatisfiable(IHttpDownloadResponse response)
        {
            long first;
            long last;
            long complete;
            if (_image.Offset > 0
                && HttpHeaderValues.ParseContentRange(response.GetHeader("Content-Range"), out first, out last, out complete)
                && first < 0 && complete == _image.Offset && (_request.ExpectedSize < 0 || _request.ExpectedSize == complete))
            {
                _image.Total = complete;
                return Done;
            }
            return Stop(DownloadOutcome.RangeNotSatisfiable, "HTTP 416 for bytes " + _image.Offset + "-");
        }

        /// <param name="length">Body length from the headers, -1 when not given.</param>
        private int ReceiveBody(IHttpDownloadResponse response, long length)
        {
            long end = length >= 0 ? _image.Offset + length : -1;
            long target = _image.Target;
            long bound = end >= 0 && (target < 0 || end < target) ? end : target;
            _client.ReportProgress(true);
            while (bound < 0 || _image.Offset < bound)
            {
                int interruption = _client.CheckDuringTransfer();
                if (interruption != Continue)
                {
                    return interruption;
                }

                int want = _buffer.Length;
                if (bound >= 0 && bound - _image.Offset < want)
                {
                    want = (int)(bound - _image.Offset);
                }
                int n;
                try
                {
                    n = response.Read(_buffer, 0, want);
                }
                catch (Exception e)
                {
                    return Retry(DownloadOutcome.ServerUnavailable, "transfer interrupted at byte " + _image.Offset + ": " + e.Message, -1);
                }
                if (n <= 0)
                {
                    break;
                }
                if (n > want)
                {
                    return Stop(DownloadOutcome.StorageFailure, "the transport returned more bytes than asked for");
                }

                try
                {
                    _image.Append(_buffer, n);
                    if (_image.IsCheckpointDue(_options.CheckpointIntervalBytes))
                    {
                        _image.Checkpoint();
                    }
                }
                catch (Exception e)
                {
                    return Stop(DownloadOutcome.StorageFailure, "cannot store the image: " + e.Message);
                }
                _client.ReportProgress(false);
            }

            if (end >= 0 && _image.Offset < end)
            {
                return Retry(DownloadOutcome.ServerUnavailable, "body ended at byte " + _image.Offset + " of " + end, -1);
            }
            if (target >= 0 && _image.Offset < target)
            {
                // A complete but short range (allowed by RFC 9110) goes on at once; a body cut without a length is an interruption.
                return end >= 0 ? Continue : Retry(DownloadOutcome.ServerUnavailable, "body ended at byte " + _image.Offset + " of " + target, -1);
            }
            if (end < 0 && target >= 0 && ReadsMore(response))
            {
                return Stop(DownloadOutcome.SizeMismatch, "the body is longer than " + target + " bytes");
            }
            return Done;
        }

        private bool ReadsMore(IHttpDownloadResponse response)
        {
            try
            {
                return response.Read(_buffer, 0, 1) > 0;
            }
            catch (Exception)
            {
                return false;
            }
        }

        private int Stop(DownloadOutcome outcome, string message)
        {
            Outcome = outcome;
            Message = message;
            return Fatal;
        }

        private int Retry(DownloadOutcome outcome, string message, int retryAfterMs)
        {
            Outcome = outcome;
            Message = message;
            RetryAfterMs = retryAfterMs;
            return Transient;
        }

        /// <summary>Starts the image over for the entity <paramref name="response"/> describes (null: unknown yet).</summary>
        private bool TryRestart(long total, IHttpDownloadResponse response)
        {
            try
            {
                _image.Restart(total,
                    response == null ? null : Validator(response.GetHeader("ETag")),
                    response == null ? null : Validator(response.GetHeader("Last-Modified")));
                _client.ReportProgress(true);
                return true;
            }
            catch (Exception e)
            {
                Stop(DownloadOutcome.StorageFailure, "cannot restart the image: " + e.Message);
                return false;
            }
        }

        private static string Validator(string value)
        {
            if (value == null)
            {
                return null;
            }
            string v = value.Trim();
            return v.Length == 0 || v.Length > MaxValidatorLength ? null : v;
        }

        private void Close(IHttpDownloadResponse response)
        {
            try
            {
                response.Close();
            }
            catch (Exception e)
            {
                _client.Log(LogLevel.Debug, "closing the response failed: " + e.Message);
            }
        }
    }
}
