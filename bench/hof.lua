-- hof: LuaJIT counterpart of hof.fl: map, filter and fold written as functions over arrays,
-- called with closures (a builtin-like add passed as a value to fold).
local function range(n) local t = {} for i = 1, n do t[i] = i - 1 end return t end
local function map(f, xs) local t = {} for i = 1, #xs do t[i] = f(xs[i]) end return t end
local function filter(p, xs)
  local t, m = {}, 0
  for i = 1, #xs do if p(xs[i]) then m = m + 1; t[m] = xs[i] end end
  return t
end
local function fold(f, acc, xs) for i = 1, #xs do acc = f(acc, xs[i]) end return acc end
local function add(a, b) return a + b end

local n, k = tonumber(arg[1]) or 1000000, tonumber(arg[2]) or 10
local acc = 0
for _ = 1, k do
  acc = acc + fold(add, 0, filter(function(x) return x % 3 == 0 end, map(function(x) return x * 2 end, range(n))))
end
print(string.format("%.0f", acc))
