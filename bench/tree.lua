-- tree: LuaJIT counterpart of tree.fl: nodes are tables {left, value, right}, Leaf is false.
local function build(depth, start)
  if depth == 0 then return false end
  return { build(depth - 1, 2 * start), start, build(depth - 1, 2 * start + 1) }
end

local function total(t)
  if not t then return 0 end
  local l, v, r = t[1], t[2], t[3]
  if not l and not r then return v end
  return v + total(l) + total(r)
end

local depth, rounds = tonumber(arg[1]) or 20, tonumber(arg[2]) or 10
local acc = 0
for r = rounds, 1, -1 do acc = acc + total(build(depth, r)) end
print(string.format("%.0f", acc))
