-- closures: LuaJIT counterpart of closures.fl: the same generated expression (same LCG, same
-- draws), parsed each round by parser combinators (closures over a position in the text that
-- return value, next position or nil); the value is a closure tree, a function of x, called for
-- `evals` values of x.
local MODULUS = 1000003
local seed = 2024

local function random_below(n)
  -- seed * 1103515245 + 12345 mod 2^31, with 1103515245 = 16838 * 65536 + 20077 (exact in doubles)
  seed = (seed * 20077 + ((seed * 16838) % 32768) * 65536 + 12345) % 2147483648
  return math.floor(seed / 65536) % n
end

local gen_expr

local function gen_factor(depth)
  local r = random_below(10)
  if depth > 0 and r < 2 then
    local terms = 1 + random_below(3)
    return "(" .. gen_expr(depth - 1, terms) .. ")"
  elseif r < 5 then
    return "x"
  end
  return string.format("%d", random_below(1000))
end

local function gen_term(depth)
  local k = random_below(3)
  local acc = gen_factor(depth)
  for _ = 1, k do acc = acc .. "*" .. gen_factor(depth) end
  return acc
end

function gen_expr(depth, terms)
  local acc = gen_term(depth)
  for _ = 2, terms do
    local op = random_below(2) == 0 and "+" or "-"
    acc = acc .. op .. gen_term(depth)
  end
  return acc
end

-- ---- parser combinators: a parser is a function (text, pos) -> value, pos | nil
local function pure(v) return function(s, i) return v, i end end

local function satisfy(ok)
  return function(s, i)
    local c = s:sub(i, i)
    if c ~= "" and ok(c) then return c, i + 1 end
    return nil
  end
end

local function bind(p, f)
  return function(s, i)
    local v, j = p(s, i)
    if j == nil then return nil end
    return f(v)(s, j)
  end
end

local function alt(p, q)
  return function(s, i)
    local v, j = p(s, i)
    if j == nil then return q(s, i) end
    return v, j
  end
end

local function many(p)
  return function(s, i)
    local acc = {}
    while true do
      local v, j = p(s, i)
      if j == nil then return acc, i end
      acc[#acc + 1] = v
      i = j
    end
  end
end

local function many1(p)
  return bind(p, function(x)
    return bind(many(p), function(xs) table.insert(xs, 1, x) return pure(xs) end)
  end)
end

local function chainl1(p, op)
  local function more(acc)
    return alt(bind(op, function(f) return bind(p, function(y) return more(f(acc, y)) end) end),
               pure(acc))
  end
  return bind(p, more)
end

local function char(c) return satisfy(function(d) return d == c end) end

-- ---- the grammar; every value is a function of x
local number = bind(many1(satisfy(function(c) return c:match("%d") ~= nil end)), function(digits)
  local n = 0
  for _, d in ipairs(digits) do n = n * 10 + (d:byte() - 48) end
  return pure(function(x) return n end)
end)

local variable = bind(char("x"), function() return pure(function(x) return x end) end)

local function operator(symbol, combine)
  return bind(char(symbol), function()
    return pure(function(f, g) return function(x) return combine(f(x), g(x)) % MODULUS end end)
  end)
end

local function parens(p)
  return bind(char("("), function() return bind(p, function(v)
    return bind(char(")"), function() return pure(v) end) end) end)
end

local expr
local factor = alt(number, alt(variable, parens(function(s, i) return expr(s, i) end)))
local term = chainl1(factor, operator("*", function(a, b) return a * b end))
expr = chainl1(term, alt(operator("+", function(a, b) return a + b end),
                         operator("-", function(a, b) return a - b end)))

local function compile(text)
  local f, j = expr(text, 1)
  if j ~= #text + 1 then error("syntax error") end
  return f
end

local terms, rounds, evals = tonumber(arg[1]) or 300, tonumber(arg[2]) or 300, tonumber(arg[3]) or 100
local text = gen_expr(3, terms)
print(string.format("length: %d start: %s", #text, text:sub(1, 40)))
local total = 0
for r = 0, rounds - 1 do
  local f = compile(text)
  for x = 0, evals - 1 do total = (total + f(x + r)) % MODULUS end
end
print(string.format("total: %d", total))
