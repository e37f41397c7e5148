-- wrk script of bench/serve-bench.sh: POST the AdmissionReview of $REVIEW on every request.
local f = assert(io.open(os.getenv("REVIEW"), "rb"))
local body = f:read("*a")
f:close()
wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("status " .. status .. "\n")
  end
end
