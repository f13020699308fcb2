-- loop: LuaJIT counterpart of loop.fl (the tail call is a loop).
local n = tonumber(arg[1]) or 100000000
local acc = 0
for i = 0, n - 1 do
  local s = acc + i
  if s >= 1000000007 then s = s - 1000000007 end
  acc = s
end
print(string.format("%d", acc))
