-- sieve: LuaJIT counterpart of sieve.fl: keep the first number p, filter the rest with a closure
-- capturing p (into a new array), until nothing is left.
local function filter(pred, xs, from)
  local t, m = {}, 0
  for i = from, #xs do if pred(xs[i]) then m = m + 1; t[m] = xs[i] end end
  return t
end

local n = tonumber(arg[1]) or 150000
local xs = {}
for i = 2, n - 1 do xs[i - 1] = i end
local count, largest, sum = 0, 0, 0
while #xs > 0 do
  local p = xs[1]
  count, largest, sum = count + 1, p, sum + p
  xs = filter(function(x) return x % p ~= 0 end, xs, 2)
end
print(string.format("%d %d %d", count, largest, sum))
