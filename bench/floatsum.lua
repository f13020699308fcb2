-- floatsum: LuaJIT counterpart of floatsum.fl; prints the shortest decimal that reads back as the
-- same double, as FluentAI does.
local n = tonumber(arg[1]) or 100000000
local acc, sign = 0.0, 1.0
for k = 0, n - 1 do
  acc = acc + sign / (2.0 * k + 1.0)
  sign = -sign
end
local r = 4.0 * acc
for prec = 1, 17 do
  local s = string.format("%." .. prec .. "g", r)
  if tonumber(s) == r or prec == 17 then print(s) break end
end
